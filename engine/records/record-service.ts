import { sql } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import { userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { assignNumber } from "../numbering/assign-number.ts";
import { runList } from "../query/compile-list.ts";
import type { ListPlan } from "../query/list-plan.ts";
import {
  recordAlias,
  selectRecords,
  toRecordJson,
  type RecordJson,
  type Row,
} from "./record-json.ts";

export interface Actor {
  userId: string;
}

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
    const { rows, total } = await runList(this.deps.db, this.company, this.#def, plan);
    return { items: rows.map((row) => toRecordJson(this.#def, row)), total };
  }

  async get(id: string): Promise<RecordJson> {
    const row = await this.#read(this.deps.db, id);
    if (!row) throw this.#notFound(id);
    return toRecordJson(this.#def, row);
  }

  /** Creates a record; `id` is given only by seeding, which links records it creates together. */
  async create(
    body: Record<string, unknown>,
    actor: Actor,
    id = this.deps.newId(),
  ): Promise<RecordJson> {
    const { problems, values } = this.company.validators.for(this.entity).check(body, "create");
    if (problems.length > 0) throw ApiError.invalid(problems);
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
            owner: actor.userId,
            createdBy: actor.userId,
            updatedBy: actor.userId,
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
    actor: Actor,
  ): Promise<RecordJson> {
    const { problems, values } = this.company.validators.for(this.entity).check(body, "patch");
    if (problems.length > 0) throw ApiError.invalid(problems);
    return this.deps.db.transaction().execute(async (tx) => {
      await this.#checkReferences(tx, values);
      const updated = await mapConstraintErrors(this.entity, () =>
        tx
          .updateTable(this.#table)
          .set({
            ...values,
            version: sql`"version" + 1`,
            updatedBy: actor.userId,
            updatedAt: this.deps.now(),
          })
          .where("id", "=", id)
          .where("version", "=", expectedVersion)
          .returning("id")
          .executeTakeFirst(),
      );
      const row = await this.#read(tx, id);
      if (!row) throw this.#notFound(id);
      const record = toRecordJson(this.#def, row);
      if (!updated) {
        throw ApiError.conflict(
          "stale",
          `the record changed since version ${expectedVersion}: it is at version ${String(row.version)}; reload and apply your change again`,
          { current: record },
        );
      }
      return record!;
    });
  }

  async delete(id: string, expectedVersion: number | undefined): Promise<void> {
    await this.deps.db.transaction().execute(async (tx) => {
      const row = await this.#read(tx, id);
      if (!row) throw this.#notFound(id);
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw ApiError.conflict(
          "stale",
          `the record is at version ${String(row.version)}, not ${expectedVersion}`,
          { current: toRecordJson(this.#def, row) },
        );
      }
      const blockers = await this.#restrictingReferences(tx, id);
      if (blockers.length > 0) {
        const list = blockers
          .map((b) => `${b.count} ${b.entity} record(s) through field "${b.field}"`)
          .join(", ");
        throw ApiError.conflict(
          "referenced",
          `this ${this.entity} cannot be deleted: ${list} refer to it`,
          { references: blockers },
        );
      }
      await mapConstraintErrors(this.entity, () =>
        tx.deleteFrom(this.#table).where("id", "=", id).execute(),
      );
    });
  }

  #read(db: Db, id: string): Promise<Row | undefined> {
    return selectRecords(db, this.company, this.#def)
      .where(`${recordAlias}.id`, "=", id)
      .executeTakeFirst();
  }

  #notFound(id: string) {
    return ApiError.notFound(`no ${this.entity} with id ${id}`);
  }

  /** A reference to a record that does not exist is a field error, not a database error. */
  async #checkReferences(tx: Db, values: Record<string, unknown>): Promise<void> {
    const problems: FieldProblem[] = [];
    for (const [name, value] of Object.entries(values)) {
      const field = this.#def.entity.fields[name]!;
      if (field.type !== "reference" || value === null) continue;
      const table = field.entity === userEntity.key ? userEntity.table : field.entity!;
      const found = await tx
        .selectFrom(`${this.company.schema}.${table}`)
        .select("id")
        .where("id", "=", value)
        .executeTakeFirst();
      if (!found)
        problems.push({
          field: name,
          rule: "reference",
          message: `no ${field.entity} with id ${String(value)}`,
        });
    }
    if (problems.length > 0) throw ApiError.invalid(problems);
  }

  /** Records of any entity whose restricting reference points at this one (hidden fields included: their data stays). */
  async #restrictingReferences(tx: Db, id: string) {
    const blockers: { entity: string; field: string; count: number }[] = [];
    for (const [key, def] of Object.entries(this.company.meta.entities)) {
      for (const [name, field] of Object.entries(def.entity.fields)) {
        if (
          field.type !== "reference" ||
          field.entity !== this.entity ||
          (field.onDelete ?? "restrict") !== "restrict"
        )
          continue;
        const { count } = (await tx
          .selectFrom(`${this.company.schema}.${key}`)
          .select(sql<number>`count(*)::int8`.as("count"))
          .where(name, "=", id)
          .executeTakeFirstOrThrow()) as { count: number };
        if (count > 0) blockers.push({ entity: key, field: name, count });
      }
    }
    return blockers;
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
