import { sql } from "kysely";
import type { Actor } from "../companies/actor.ts";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { RecordAction, ScopePurpose } from "../companies/record-policy.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { getFieldType } from "../fields/registry.ts";
import { readOnlyReason, visibleFields } from "../metadata/entity-fields.ts";
import { runList } from "../query/compile-list.ts";
import type { ListPlan } from "../query/list-plan.ts";
import { cursorValues, encodeCursor } from "../query/list-cursor.ts";
import { mapConstraintErrors } from "./constraint-errors.ts";
import { deleteEffects } from "./delete-effects.ts";
import { changes, snapshot } from "./record-changes.ts";
import {
  recordAlias,
  selectRecords,
  toRecordJson,
  type RecordJson,
  type Row,
} from "../query/record-json.ts";
import { checkReferences, refuseIfReferenced, requireActiveUser } from "./record-references.ts";
import type { RecordEntry, RecordTrail } from "./record-trail.ts";
import { moveRelated, type MovedRecords } from "./related-records.ts";
import { searchData, searchFields, writeSearchData } from "../search-index/search-data.ts";
import { loadPinyinForms } from "../search-index/pinyin-forms.ts";
import { noRecord } from "./record-texts.ts";
import { entityName } from "../metadata/metadata-texts.ts";
import { tr, type Text } from "../i18n/text.ts";
import type { HookSet } from "./record-hooks.ts";

/**
 * Values the server gives a new record in the create's transaction, last
 * before the insert: the numbering module's document numbers.
 */
export type AssignOnCreate = (
  tx: Db,
  company: CompanyContext,
  entity: string,
  def: EntityDefinition,
  now: Date,
) => Promise<Record<string, unknown>>;

/**
 * What other modules do in a delete's transaction, given every record it
 * took as `entity/id`, cascades included: the access module drops their shares.
 */
export type RecordsDeleted = (
  tx: Db,
  company: CompanyContext,
  gone: ReadonlySet<string>,
) => Promise<void>;

export interface RecordDeps {
  db: Db;
  now: () => Date;
  newId: () => string;
  assignOnCreate: AssignOnCreate;
  recordsDeleted: RecordsDeleted;
  /** The installed modules' hooks around record writes. */
  hooks: HookSet;
}

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

/** A list's answer: a page, its total (null when not counted, `totalKind` says how) and the next page's cursor. */
export interface ListPage {
  items: RecordJson[];
  total: number | null;
  totalKind: "exact" | "estimate" | "none";
  next: string | null;
}

/** A reassigned record as answered, with how many records went along with it. */
export type ReassignedJson = RecordJson & {
  _related: { moved: number; entities: Record<string, number> };
};

/**
 * The generic record operations of every entity; what an entity is comes
 * from its metadata only. Every write appends its change to the audit trail
 * (`trail`) in its own transaction: values before and after, field by field.
 */
export class RecordService {
  constructor(
    private readonly deps: RecordDeps,
    private readonly company: CompanyContext,
    private readonly entity: string,
    private readonly actor: Actor,
    private readonly trail: RecordTrail,
  ) {}

  get definition(): EntityDefinition {
    return this.#def;
  }

  get #def(): EntityDefinition {
    return this.company.meta.entities[this.entity]!;
  }
  get #table() {
    return `${this.company.schema}.${this.entity}`;
  }

  /**
   * The fields the trail records: every field of the company's metadata that
   * is not hidden there, role-hidden ones included (the history shows each
   * reader only what they may see).
   */
  get #trailFields(): readonly string[] {
    return visibleFields(fullCompany(this.company).meta.entities[this.entity]!).map(([n]) => n);
  }

  /** Trail fields the user's roles hide: read for the trail, never answered. */
  get #hiddenColumns(): readonly string[] {
    return this.#trailFields.filter((name) => this.#def.entity.fields[name]?.hidden);
  }

  /** The entity's search fields, roles aside: the search data holds them all (search-data.ts). */
  get #searchFields(): readonly string[] {
    return searchFields(fullCompany(this.company).meta.entities[this.entity]!);
  }

  #require(action: RecordAction) {
    this.company.policy.requireAction(this.company, this.entity, action);
  }

  #target(id: string) {
    return `${this.entity}/${id}`;
  }

  #log(tx: Db, at: Date, entries: readonly RecordEntry[]) {
    return this.trail.write(tx, this.company.schema, at, entries);
  }

  /** A page as the list API answers it (list contract): keys in this order. */
  async list(plan: ListPlan): Promise<ListPage> {
    const { rows, more, total, totalKind } = await runList(
      this.deps.db,
      this.company,
      this.#def,
      plan,
      this.actor,
    );
    const items = rows.map((row) => toRecordJson(this.#def, row));
    const last = items.at(-1);
    const next = more && last ? encodeCursor(cursorValues(plan.sort, last)) : null;
    return { items, total, totalKind, next };
  }

  async get(id: string): Promise<RecordJson> {
    const row = await this.#read(this.deps.db, id);
    if (!row) throw this.#notFound(id);
    return toRecordJson(this.#def, row);
  }

  /** Creates a record; `id` is given only by seeding, which links records it creates together. */
  async create(body: Record<string, unknown>, id = this.deps.newId()): Promise<RecordJson> {
    this.#require("create");
    this.company.policy.refuseReadOnly(this.company, this.entity, body);
    const checked = this.#check(body, "create");
    const now = this.deps.now();
    return this.deps.db.transaction().execute(async (tx) => {
      const hooked = { ...body };
      await this.deps.hooks.run("beforeCreate", this.#event(tx, { values: hooked }));
      const values = unchanged(hooked, body) ? checked : this.#check(hooked, "create", true);
      this.#defaultsOutOfReach(values);
      await checkReferences(tx, this.company, this.#def, this.actor, values);
      // Last before the insert: the number's counter row stays locked until commit.
      const number = await this.deps.assignOnCreate(tx, this.company, this.entity, this.#def, now);
      const fields = this.#searchFields;
      const search =
        fields.length > 0
          ? searchData(fields, { ...values, ...number }, await loadPinyinForms())
          : {};
      await mapConstraintErrors(this.entity, () =>
        tx
          .insertInto(this.#table)
          .values({
            ...values,
            ...number,
            ...search,
            id,
            version: 1,
            owner: this.actor.userId,
            createdBy: this.actor.userId,
            updatedBy: this.actor.userId,
            createdAt: now,
            updatedAt: now,
          })
          .execute(),
      );
      const row = (await this.#read(tx, id, "read", this.#hiddenColumns))!;
      await this.#log(tx, now, [
        {
          action: "record_created",
          target: this.#target(id),
          detail: { ...snapshot([...this.#trailFields, "owner"], row, "created") },
        },
      ]);
      const record = toRecordJson(this.#def, row);
      await this.deps.hooks.run("afterCreate", this.#event(tx, { record }));
      return record;
    });
  }

  /**
   * A body checked by the entity's validator, or the 400 that lists its
   * problems; as hooks left it, read-only fields may be set (by the hooks).
   */
  #check(body: Record<string, unknown>, mode: "create" | "patch", hooked = false) {
    const validators = this.company.validators;
    const validator = hooked ? validators.forHooks(this.entity) : validators.for(this.entity);
    const { problems, values } = validator.check(body, mode);
    if (problems.length > 0) throw ApiError.invalid(problems);
    return values;
  }

  #event<T extends object>(tx: Db, rest: T) {
    return { tx, company: this.company, actor: this.actor, entity: this.entity, ...rest };
  }

  async patch(
    id: string,
    body: Record<string, unknown>,
    expectedVersion: number,
  ): Promise<RecordJson> {
    this.#require("update");
    this.company.policy.refuseReadOnly(this.company, this.entity, body);
    const checked = this.#check(body, "patch");
    return this.deps.db.transaction().execute(async (tx) => {
      const before = await this.#requireInScope(tx, id, "update", this.#hiddenColumns);
      const hooked = { ...body };
      const previous = toRecordJson(this.#def, before);
      await this.deps.hooks.run(
        "beforeUpdate",
        this.#event(tx, { values: hooked, before: previous }),
      );
      const values = unchanged(hooked, body) ? checked : this.#check(hooked, "patch", true);
      await checkReferences(tx, this.company, this.#def, this.actor, values, before);
      const at = await this.#write(tx, id, values, expectedVersion);
      const after = (await this.#read(tx, id))!;
      const changed = changes(Object.keys(values), before, after);
      if (changed)
        await this.#log(tx, at, [
          { action: "record_changed", target: this.#target(id), detail: { ...changed } },
        ]);
      const record = toRecordJson(this.#def, after);
      await this.deps.hooks.run("afterUpdate", this.#event(tx, { record, before: previous }));
      return record;
    });
  }

  /**
   * Gives the record a new owner (C5), who must be an active user: a right
   * of the owner and of those whose role scope covers the record, not of a
   * sharee. With `related`, the records that refer to it and belonged to its
   * old owner go along (related-records.ts). The record then follows the new
   * owner's department; if that takes it out of the actor's scope, the
   * answer is still the record as just written.
   */
  async reassign(
    id: string,
    owner: string,
    expectedVersion: number | undefined,
    related: boolean,
  ): Promise<ReassignedJson> {
    this.#require("update");
    return this.deps.db.transaction().execute(async (tx) => {
      const before = await this.#requireInScope(tx, id, "manage");
      await requireActiveUser(tx, this.company, owner);
      const at = await this.#write(tx, id, { owner }, expectedVersion);
      const from = before.owner as string;
      const moved: MovedRecords = related
        ? await moveRelated(
            tx,
            this.company,
            this.actor,
            { entity: this.entity, id, from, to: owner },
            at,
          )
        : {};
      const change = { before: { owner: from }, after: { owner } };
      const entities = Object.fromEntries(Object.entries(moved).map(([e, ids]) => [e, ids.length]));
      await this.#log(tx, at, [
        // Giving a record to its owner changes nothing a history would show.
        ...(from === owner
          ? []
          : [
              {
                action: "record_reassigned" as const,
                target: this.#target(id),
                detail: related ? { ...change, related: entities } : change,
              },
            ]),
        ...Object.entries(moved).flatMap(([entity, ids]) =>
          ids.map((other) => ({
            action: "record_reassigned" as const,
            target: `${entity}/${other}`,
            detail: { ...change, via: this.#target(id) },
          })),
        ),
      ]);
      const record = toRecordJson(this.#def, (await this.#read(tx, id, "written"))!);
      const count = Object.values(entities).reduce((a, b) => a + b, 0);
      return { ...record, _related: { moved: count, entities } };
    });
  }

  /**
   * Checks that the actor may share the record — update right, and the
   * record theirs or within their role scope (404 out of sight, 403 when
   * they only see it or hold a share) — then bumps its version: sharing
   * changes who sees a record, which clients holding it must notice.
   */
  async touch(tx: Db, id: string, expectedVersion: number | undefined): Promise<void> {
    this.#require("update");
    await this.#requireInScope(tx, id, "manage");
    await this.#write(tx, id, {}, expectedVersion);
  }

  /** Whether the actor can see the record, for routes about a record rather than its fields. */
  async requireVisible(db: Db, id: string): Promise<void> {
    if (!(await this.#read(db, id))) throw this.#notFound(id);
  }

  /**
   * An update that bumps the version, or a 409 with the current record when
   * `expected` is stale. Answers the moment it wrote, for the trail.
   */
  async #write(
    tx: Db,
    id: string,
    values: Record<string, unknown>,
    expected: number | undefined,
  ): Promise<Date> {
    const at = this.deps.now();
    let update = tx
      .updateTable(this.#table)
      .set({
        ...values,
        version: sql`"version" + 1`,
        updatedBy: this.actor.userId,
        updatedAt: at,
      })
      .where("id", "=", id);
    if (expected !== undefined) update = update.where("version", "=", expected);
    // A search field written: the row's search data is computed again from what it now holds.
    const fields = this.#searchFields;
    const searched = fields.some((f) => f in values);
    const updated = await mapConstraintErrors(this.entity, () =>
      update.returning(["id", ...(searched ? fields : [])]).executeTakeFirst(),
    );
    if (updated && searched) await writeSearchData(tx, this.#table, fields, [updated]);
    if (updated) return at;
    const row = (await this.#read(tx, id))!;
    throw ApiError.conflict(
      "stale",
      tr(
        "the record changed since version {expected}: it is at version {current}; reload and apply your change again",
        { expected: String(expected), current: String(row.version) },
      ),
      { current: toRecordJson(this.#def, row) },
    );
  }

  async delete(id: string, expectedVersion: number | undefined): Promise<void> {
    this.#require("delete");
    await this.deps.db.transaction().execute(async (tx) => {
      const row = await this.#requireInScope(tx, id, "delete", this.#hiddenColumns);
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw ApiError.conflict(
          "stale",
          tr("the record is at version {current}, not {expected}", {
            current: String(row.version),
            expected: expectedVersion,
          }),
          { current: toRecordJson(this.#def, row) },
        );
      }
      const record = toRecordJson(this.#def, row);
      await this.deps.hooks.run("beforeDelete", this.#event(tx, { record }));
      await refuseIfReferenced(tx, this.company, this.entity, this.actor, id);
      const effects = await deleteEffects(tx, this.company, this.entity, id);
      await mapConstraintErrors(this.entity, () =>
        tx.deleteFrom(this.#table).where("id", "=", id).execute(),
      );
      await this.deps.recordsDeleted(tx, this.company, effects.gone);
      await this.#log(tx, this.deps.now(), [
        {
          action: "record_deleted",
          target: this.#target(id),
          detail: { ...snapshot([...this.#trailFields, "owner"], row, "deleted") },
        },
        ...effects.entries,
      ]);
      await this.deps.hooks.run("afterDelete", this.#event(tx, { record }));
    });
  }

  /**
   * Defaults of fields the user may not write (read-only or hidden to them):
   * the validator fills only the fields the user writes, but a record made by
   * this user must look like one made by anyone else.
   */
  #defaultsOutOfReach(values: Record<string, unknown>): void {
    const full = fullCompany(this.company).meta.entities[this.entity]!;
    for (const [name, field] of Object.entries(full.entity.fields)) {
      if (field.default === undefined || field.hidden || name in values) continue;
      const mine = this.#def.entity.fields[name]!;
      if (!mine.hidden && !readOnlyReason(this.#def, name, mine)) continue;
      const type = getFieldType(field.type)!;
      values[name] = type.toDb
        ? type.toDb(field.default, field, this.company.fieldContext)
        : field.default;
    }
  }

  /**
   * The record within the actor's scope for `purpose`; "written" only after
   * the actor's own write. `extra` columns are read for the engine only.
   */
  #read(
    db: Db,
    id: string,
    purpose: ScopePurpose = "read",
    extra: readonly string[] = [],
  ): Promise<Row | undefined> {
    return selectRecords(db, this.company, this.#def, this.actor, purpose, extra)
      .where(`${recordAlias}.id`, "=", id)
      .executeTakeFirst();
  }

  /**
   * The record if the actor may act on it: 404 when it is out of their sight
   * (as if it did not exist), 403 when they may read it but not do this.
   */
  async #requireInScope(
    db: Db,
    id: string,
    purpose: "update" | "delete" | "manage",
    extra: readonly string[] = [],
  ): Promise<Row> {
    const row = await this.#read(db, id, purpose, extra);
    if (row) return row;
    if (!(await this.#read(db, id))) throw this.#notFound(id);
    throw ApiError.forbidden(refusals[purpose](entityName(this.definition)));
  }

  #notFound(id: string) {
    return ApiError.notFound(noRecord(entityName(this.definition), id));
  }
}

/** Whether before-hooks left a body as it was (then it needs no second check). */
function unchanged(hooked: Record<string, unknown>, body: Record<string, unknown>): boolean {
  const keys = Object.keys(hooked);
  return keys.length === Object.keys(body).length && keys.every((k) => hooked[k] === body[k]);
}
