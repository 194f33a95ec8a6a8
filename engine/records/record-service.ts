import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { runList } from "../query/compile-list.ts";
import { cursorValues, encodeCursor } from "../query/list-cursor.ts";
import type { ListPlan, TotalKind } from "../query/list-plan.ts";
import { toRecordJson, type RecordJson } from "../query/record-json.ts";
import { EntityRecords } from "./entity-records.ts";
import type { RecordDeps } from "./record-deps.ts";
import type { RecordTrail } from "./record-trail.ts";
import {
  createRecord,
  deleteRecord,
  patchRecord,
  reassignRecord,
  touchRecord,
  type ReassignedJson,
} from "./record-writes.ts";

/** A list's answer: a page, its total (null when not counted, `totalKind` says how) and the next page's cursor. */
export interface ListPage {
  items: RecordJson[];
  total: number | null;
  totalKind: TotalKind;
  next: string | null;
}

/**
 * The generic record operations of every entity; what an entity is comes
 * from its metadata only. Reads are here; every write (record-writes.ts)
 * appends its change to the audit trail (`trail`) in its own transaction:
 * values before and after, field by field.
 */
export class RecordService {
  readonly #records: EntityRecords;

  constructor(
    private readonly deps: RecordDeps,
    private readonly company: CompanyContext,
    entity: string,
    private readonly actor: Actor,
    trail: RecordTrail,
  ) {
    this.#records = new EntityRecords(deps, company, entity, actor, trail);
  }

  get definition(): EntityDefinition {
    return this.#records.def;
  }

  /** A page as the list API answers it (list contract): keys in this order. */
  async list(plan: ListPlan): Promise<ListPage> {
    const def = this.#records.def;
    const { rows, more, total, totalKind } = await runList(
      this.deps.db,
      this.company,
      def,
      plan,
      this.actor,
    );
    const items = rows.map((row) => toRecordJson(def, row));
    const last = items.at(-1);
    const next = more && last ? encodeCursor(cursorValues(plan.sort, last)) : null;
    return { items, total, totalKind, next };
  }

  async get(id: string): Promise<RecordJson> {
    const row = await this.#records.read(this.deps.db, id);
    if (!row) throw this.#records.notFound(id);
    return toRecordJson(this.#records.def, row);
  }

  /** Whether the actor can see the record, for routes about a record rather than its fields. */
  async requireVisible(db: Db, id: string): Promise<void> {
    if (!(await this.#records.read(db, id))) throw this.#records.notFound(id);
  }

  /** Creates a record; `id` is given only by seeding, which links records it creates together. */
  create(body: Record<string, unknown>, id = this.deps.newId()): Promise<RecordJson> {
    return createRecord(this.#records, body, id);
  }

  patch(id: string, body: Record<string, unknown>, expectedVersion: number): Promise<RecordJson> {
    return patchRecord(this.#records, id, body, expectedVersion);
  }

  /** Gives the record a new owner, with its related records if asked (record-writes.ts). */
  reassign(
    id: string,
    owner: string,
    expectedVersion: number | undefined,
    related: boolean,
  ): Promise<ReassignedJson> {
    return reassignRecord(this.#records, id, owner, expectedVersion, related);
  }

  /** Checks that the actor may share the record, then bumps its version (record-writes.ts). */
  touch(tx: Db, id: string, expectedVersion: number | undefined): Promise<void> {
    return touchRecord(this.#records, tx, id, expectedVersion);
  }

  delete(id: string, expectedVersion: number | undefined): Promise<void> {
    return deleteRecord(this.#records, id, expectedVersion);
  }
}
