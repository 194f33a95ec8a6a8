import { sql } from "kysely";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import { userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { getFieldType } from "../fields/registry.ts";
import { readOnlyReason } from "./entity-fields.ts";
import { assignNumber } from "../numbering/assign-number.ts";
import { runList } from "../query/compile-list.ts";
import type { ListPlan } from "../query/list-plan.ts";
import { requireAction, refuseReadOnlyByRole } from "../access/entity-actions.ts";
import type { Actor } from "../access/load-access.ts";
import type { ScopePurpose } from "../access/record-scope.ts";
import { shareTable } from "../access/share-table.ts";
import {
  recordAlias,
  scopedFrom,
  selectRecords,
  toRecordJson,
  type RecordJson,
  type Row,
} from "./record-json.ts";

export interface RecordDeps {
  db: Db;
  now: () => Date;
  newId: () => string;
}

/** The generic record operations of every entity; what an entity is comes from its metadata only. */
export class RecordService {
  constructor(
    private readonly deps: RecordDeps,
    private readonly company: CompanyContext,
    private readonly entity: string,
    private readonly actor: Actor,
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

  async list(plan: ListPlan): Promise<{ items: RecordJson[]; total: number }> {
    const { rows, total } = await runList(this.deps.db, this.company, this.#def, plan, this.actor);
    return { items: rows.map((row) => toRecordJson(this.#def, row)), total: total! };
  }

  /** A page without its total, for reading a whole list page by page (export). */
  async page(plan: ListPlan): Promise<RecordJson[]> {
    const { rows } = await runList(this.deps.db, this.company, this.#def, plan, this.actor, false);
    return rows.map((row) => toRecordJson(this.#def, row));
  }

  async get(id: string): Promise<RecordJson> {
    const row = await this.#read(this.deps.db, id);
    if (!row) throw this.#notFound(id);
    return toRecordJson(this.#def, row);
  }

  /** Creates a record; `id` is given only by seeding, which links records it creates together. */
  async create(body: Record<string, unknown>, id = this.deps.newId()): Promise<RecordJson> {
    requireAction(this.company, this.entity, "create");
    refuseReadOnlyByRole(this.company, this.entity, body);
    const { problems, values } = this.company.validators.for(this.entity).check(body, "create");
    if (problems.length > 0) throw ApiError.invalid(problems);
    this.#defaultsOutOfReach(values);
    const now = this.deps.now();
    return this.deps.db.transaction().execute(async (tx) => {
      await this.#checkReferences(tx, values);
      // Last before the insert: the number's counter row stays locked until commit.
      const number = await assignNumber(tx, this.company, this.entity, this.#def, now);
      await mapConstraintErrors(this.entity, () =>
        tx
          .insertInto(this.#table)
          .values({
            ...values,
            ...number,
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
      return toRecordJson(this.#def, (await this.#read(tx, id))!);
    });
  }

  async patch(
    id: string,
    body: Record<string, unknown>,
    expectedVersion: number,
  ): Promise<RecordJson> {
    requireAction(this.company, this.entity, "update");
    refuseReadOnlyByRole(this.company, this.entity, body);
    const { problems, values } = this.company.validators.for(this.entity).check(body, "patch");
    if (problems.length > 0) throw ApiError.invalid(problems);
    return this.deps.db.transaction().execute(async (tx) => {
      await this.#requireInScope(tx, id, "update");
      await this.#checkReferences(tx, values);
      await this.#write(tx, id, values, expectedVersion);
      return toRecordJson(this.#def, (await this.#read(tx, id))!);
    });
  }

  /**
   * Gives the record a new owner (C5), who must be an active user. The record
   * then follows the new owner's department; if that takes it out of the
   * actor's scope, the answer is still the record as just written.
   */
  async reassign(
    id: string,
    owner: string,
    expectedVersion: number | undefined,
    audit: (tx: Db, from: unknown) => Promise<void>,
  ): Promise<RecordJson> {
    requireAction(this.company, this.entity, "update");
    return this.deps.db.transaction().execute(async (tx) => {
      const before = await this.#requireInScope(tx, id, "update");
      const user = (await tx
        .selectFrom(`${this.company.schema}.${userEntity.table}`)
        .select(["id", "is_active"])
        .where("id", "=", owner)
        .executeTakeFirst()) as { is_active: boolean } | undefined;
      if (!user?.is_active) {
        throw ApiError.invalidRequest([
          {
            field: "owner",
            rule: "reference",
            message: user ? "is a disabled user" : `no user with id ${owner}`,
          },
        ]);
      }
      await this.#write(tx, id, { owner }, expectedVersion);
      await audit(tx, before.owner);
      return toRecordJson(this.#def, (await this.#read(tx, id, "written"))!);
    });
  }

  /**
   * Checks that the actor may change the record (404 out of sight, 403 read
   * only), then bumps its version: sharing changes who sees a record, which
   * clients holding it must notice.
   */
  async touch(tx: Db, id: string, expectedVersion: number | undefined): Promise<void> {
    requireAction(this.company, this.entity, "update");
    await this.#requireInScope(tx, id, "update");
    await this.#write(tx, id, {}, expectedVersion);
  }

  /** Whether the actor can see the record, for routes about a record rather than its fields. */
  async requireVisible(db: Db, id: string): Promise<void> {
    if (!(await this.#read(db, id))) throw this.#notFound(id);
  }

  /** An update that bumps the version, or a 409 with the current record when `expected` is stale. */
  async #write(
    tx: Db,
    id: string,
    values: Record<string, unknown>,
    expected: number | undefined,
  ): Promise<void> {
    let update = tx
      .updateTable(this.#table)
      .set({
        ...values,
        version: sql`"version" + 1`,
        updatedBy: this.actor.userId,
        updatedAt: this.deps.now(),
      })
      .where("id", "=", id);
    if (expected !== undefined) update = update.where("version", "=", expected);
    const updated = await mapConstraintErrors(this.entity, () =>
      update.returning("id").executeTakeFirst(),
    );
    if (updated) return;
    const row = (await this.#read(tx, id))!;
    throw ApiError.conflict(
      "stale",
      `the record changed since version ${String(expected)}: it is at version ${String(row.version)}; reload and apply your change again`,
      { current: toRecordJson(this.#def, row) },
    );
  }

  async delete(id: string, expectedVersion: number | undefined): Promise<void> {
    requireAction(this.company, this.entity, "delete");
    await this.deps.db.transaction().execute(async (tx) => {
      const row = await this.#requireInScope(tx, id, "delete");
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw ApiError.conflict(
          "stale",
          `the record is at version ${String(row.version)}, not ${expectedVersion}`,
          { current: toRecordJson(this.#def, row) },
        );
      }
      const { blockers, unseen } = await this.#restrictingReferences(tx, id);
      if (blockers.length > 0 || unseen) {
        const list = [
          ...blockers.map((b) => `${b.count} ${b.entity} record(s) through field "${b.field}"`),
          ...(unseen ? ["records you cannot see"] : []),
        ].join(", ");
        throw ApiError.conflict(
          "referenced",
          `this ${this.entity} cannot be deleted: ${list} refer to it`,
          { references: blockers },
        );
      }
      await mapConstraintErrors(this.entity, () =>
        tx.deleteFrom(this.#table).where("id", "=", id).execute(),
      );
      await tx
        .deleteFrom(`${this.company.schema}.${shareTable}`)
        .where("entity", "=", this.entity)
        .where("record_id", "=", id)
        .execute();
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

  /** The record within the actor's scope for `purpose`; "written" only after the actor's own write. */
  #read(db: Db, id: string, purpose: ScopePurpose | "written" = "read"): Promise<Row | undefined> {
    return selectRecords(db, this.company, this.#def, this.actor, purpose)
      .where(`${recordAlias}.id`, "=", id)
      .executeTakeFirst();
  }

  /**
   * The record if the actor may act on it: 404 when it is out of their sight
   * (as if it did not exist), 403 when they may read it but not do this.
   */
  async #requireInScope(db: Db, id: string, purpose: "update" | "delete"): Promise<Row> {
    const row = await this.#read(db, id, purpose);
    if (row) return row;
    if (!(await this.#read(db, id))) throw this.#notFound(id);
    throw ApiError.forbidden(
      purpose === "update"
        ? `you may read this ${this.entity} but not change it`
        : `you may read this ${this.entity} but not delete it`,
    );
  }

  #notFound(id: string) {
    return ApiError.notFound(`no ${this.entity} with id ${id}`);
  }

  /**
   * A reference to a record that does not exist is a field error, not a
   * database error; so is one to a record the actor may not see, which must
   * not be told apart from a missing one.
   */
  async #checkReferences(tx: Db, values: Record<string, unknown>): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [name, value] of Object.entries(values)) {
      const field = this.#def.entity.fields[name]!;
      if (field.type !== "reference" || value === null) continue;
      const target =
        field.entity === userEntity.key ? undefined : this.company.meta.entities[field.entity!];
      const found =
        field.entity === userEntity.key
          ? await tx
              .selectFrom(`${this.company.schema}.${userEntity.table}`)
              .select("id")
              .where("id", "=", value)
              .executeTakeFirst()
          : target &&
            (await scopedFrom(tx, this.company, target, this.actor)
              .select(`${recordAlias}.id`)
              .where(`${recordAlias}.id`, "=", value)
              .executeTakeFirst());
      if (!found)
        problems.push({
          field: name,
          rule: "reference",
          message: `no ${field.entity} with id ${String(value)}`,
        });
    }
    if (problems.length > 0) throw ApiError.invalid(problems);
  }

  /**
   * Records of any entity whose restricting reference points at this one
   * (hidden fields included: their data stays). Those the actor can see are
   * named and counted; the rest only said to exist, so that a refused delete
   * does not tell how many records out of the actor's sight there are.
   */
  async #restrictingReferences(tx: Db, id: string) {
    const blockers: { entity: string; field: string; count: number }[] = [];
    let unseen = false;
    for (const [key, def] of Object.entries(fullCompany(this.company).meta.entities)) {
      for (const [name, field] of Object.entries(def.entity.fields)) {
        if (
          field.type !== "reference" ||
          field.entity !== this.entity ||
          (field.onDelete ?? "restrict") !== "restrict"
        )
          continue;
        const { total } = (await tx
          .selectFrom(`${this.company.schema}.${key}`)
          .select(sql<number>`count(*)::int8`.as("total"))
          .where(name, "=", id)
          .executeTakeFirstOrThrow()) as { total: number };
        if (total === 0) continue;
        const mine = this.company.meta.entities[key];
        const seen =
          mine && !mine.entity.fields[name]?.hidden
            ? (
                (await scopedFrom(tx, this.company, mine, this.actor)
                  .select(sql<number>`count(*)::int8`.as("seen"))
                  .where(`${recordAlias}.${name}`, "=", id)
                  .executeTakeFirstOrThrow()) as { seen: number }
              ).seen
            : 0;
        if (seen > 0) blockers.push({ entity: key, field: name, count: seen });
        if (total > seen) unseen = true;
      }
    }
    return { blockers, unseen };
  }
}

/** Unique and foreign-key violations become 409s that name the field, never SQL. */
async function mapConstraintErrors<T>(entity: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const { code, constraint } = err as { code?: string; constraint?: string };
    if (code === "23505") {
      // Sync names unique indexes <entity>_<field>_key.
      const field =
        constraint?.startsWith(`${entity}_`) && constraint.endsWith("_key")
          ? constraint.slice(entity.length + 1, -4)
          : undefined;
      throw ApiError.conflict(
        "duplicate",
        `another ${entity} already has this ${field ?? "value in a unique field"}`,
        field
          ? { fields: [{ field, rule: "unique", message: "is already used by another record" }] }
          : undefined,
      );
    }
    if (code === "23503")
      throw ApiError.conflict("referenced", "other records refer to this record");
    throw err;
  }
}
