import type { Actor } from "../companies/actor.ts";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { RecordAction, ScopePurpose } from "../companies/record-policy.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { tr, type Text } from "../i18n/text.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { entityName } from "../metadata/metadata-texts.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { recordAlias, selectRecords, type Row } from "../query/record-json.ts";
import { searchFields } from "../search-index/search-data.ts";
import type { RecordDeps } from "./record-deps.ts";
import { noRecord } from "./record-texts.ts";
import type { RecordEntry, RecordTrail } from "./record-trail.ts";

/** Why a user who sees a record may not do something with it, in one place for translation. */
const refusals = {
  update: (entity: Text) => tr("you may read this {entity} but not change it", { entity }),
  delete: (entity: Text) => tr("you may read this {entity} but not delete it", { entity }),
  manage: (entity: Text) =>
    tr(
      "you may not reassign or share this {entity}: that is for its owner and those whose role scope covers it, not for those it is shared with",
      { entity },
    ),
};

/**
 * One entity's records as one actor reaches them: what reads and writes
 * share — the definition the actor sees and the company's own, the actor's
 * rights and scope, the trail, the checks of a body.
 */
export class EntityRecords {
  constructor(
    readonly deps: RecordDeps,
    readonly company: CompanyContext,
    readonly entity: string,
    readonly actor: Actor,
    private readonly trail: RecordTrail,
  ) {}

  /** The entity as the actor's roles show it. */
  get def(): EntityDefinition {
    return this.company.meta.entities[this.entity]!;
  }

  /** The entity as the company's metadata defines it, roles aside. */
  get fullDef(): EntityDefinition {
    return fullCompany(this.company).meta.entities[this.entity]!;
  }

  get table(): string {
    return `${this.company.schema}.${this.entity}`;
  }

  /**
   * The fields the trail records: every field of the company's metadata that
   * is not hidden there, role-hidden ones included (the history shows each
   * reader only what they may see).
   */
  get trailFields(): readonly string[] {
    return visibleFields(this.fullDef).map(([n]) => n);
  }

  /** Trail fields the user's roles hide: read for the trail, never answered. */
  get hiddenColumns(): readonly string[] {
    return this.trailFields.filter((name) => this.def.entity.fields[name]?.hidden);
  }

  /** The entity's search fields, roles aside: the search data holds them all (search-data.ts). */
  get searchFields(): readonly string[] {
    return searchFields(this.fullDef);
  }

  require(action: RecordAction): void {
    this.company.policy.requireAction(this.company, this.entity, action);
  }

  target(id: string): string {
    return `${this.entity}/${id}`;
  }

  log(tx: Db, at: Date, entries: readonly RecordEntry[]): Promise<void> {
    return this.trail.write(tx, this.company.schema, at, entries);
  }

  /**
   * A body checked by the entity's validator, or the 400 that lists its
   * problems; as hooks left it, read-only fields may be set (by the hooks).
   */
  check(
    body: Record<string, unknown>,
    mode: "create" | "patch",
    hooked = false,
  ): Record<string, unknown> {
    const validators = this.company.validators;
    const validator = hooked ? validators.forHooks(this.entity) : validators.for(this.entity);
    const { problems, values } = validator.check(body, mode);
    if (problems.length > 0) throw ApiError.invalid(problems);
    return values;
  }

  /** A hook's event: the write's transaction, company, actor and entity, and what the hook is about. */
  event<T extends object>(tx: Db, rest: T) {
    return { tx, company: this.company, actor: this.actor, entity: this.entity, ...rest };
  }

  /**
   * The record within the actor's scope for `purpose`; "written" only after
   * the actor's own write. `extra` columns are read for the engine only.
   */
  read(
    db: Db,
    id: string,
    purpose: ScopePurpose = "read",
    extra: readonly string[] = [],
  ): Promise<Row | undefined> {
    return selectRecords(db, this.company, this.def, this.actor, purpose, extra)
      .where(`${recordAlias}.id`, "=", id)
      .executeTakeFirst();
  }

  /**
   * The record if the actor may act on it: 404 when it is out of their sight
   * (as if it did not exist), 403 when they may read it but not do this.
   */
  async requireInScope(
    db: Db,
    id: string,
    purpose: "update" | "delete" | "manage",
    extra: readonly string[] = [],
  ): Promise<Row> {
    const row = await this.read(db, id, purpose, extra);
    if (row) return row;
    if (!(await this.read(db, id))) throw this.notFound(id);
    throw ApiError.forbidden(refusals[purpose](entityName(this.def)));
  }

  notFound(id: string): ApiError {
    return ApiError.notFound(noRecord(entityName(this.def), id));
  }
}
