// The write path of the record service (record-service.ts): each write in its own
// transaction, with the modules' hooks around it and its change in the audit trail,
// values before and after, field by field.
import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { getFieldType } from "../fields/registry.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import { readOnlyReason } from "../metadata/entity-fields.ts";
import { toRecordJson, type RecordJson } from "../query/record-json.ts";
import { loadPinyinForms } from "../search-index/pinyin-forms.ts";
import { searchData, writeSearchData } from "../search-index/search-data.ts";
import {
  duplicateColumn,
  duplicateFields,
  duplicateKeys,
} from "../duplicate-keys/duplicate-keys.ts";
import { refuseDuplicates } from "./refuse-duplicates.ts";
import { writeDuplicateKeys } from "../duplicate-keys/write-duplicate-keys.ts";
import { mapConstraintErrors } from "./constraint-errors.ts";
import { deleteEffects } from "./delete-effects.ts";
import type { EntityRecords } from "./entity-records.ts";
import { changes, snapshot } from "./record-changes.ts";
import { checkReferences, refuseIfReferenced, requireActiveUser } from "./record-references.ts";
import { moveRelated, type MovedRecords } from "./related-records.ts";
import { refuseRetiredOptions } from "./retired-options.ts";

/** A reassigned record as answered, with how many records went along with it. */
export type ReassignedJson = RecordJson & {
  _related: { moved: number; entities: Record<string, number> };
};

/** Creates a record; `id` is given only by seeding, which links records it creates together. */
export async function createRecord(
  r: EntityRecords,
  body: Record<string, unknown>,
  id: string,
): Promise<RecordJson> {
  r.require("create");
  r.company.policy.refuseReadOnly(r.company, r.entity, body);
  const checked = r.check(body, "create");
  const now = r.deps.now();
  return r.deps.db.transaction().execute(async (tx) => {
    const hooked = { ...body };
    await r.deps.hooks.run("beforeCreate", r.event(tx, { values: hooked }));
    const values = unchanged(hooked, body) ? checked : r.check(hooked, "create", true);
    defaultsOutOfReach(r, values);
    refuseRetiredOptions(r.def, values);
    await checkReferences(tx, r.company, r.def, r.actor, values);
    await refuseDuplicates(tx, r.company, r.entity, r.actor, values);
    // Last before the insert: the number's counter row stays locked until commit.
    const number = await r.deps.assignOnCreate(tx, r.company, r.entity, r.def, now, values);
    const fields = r.searchFields;
    const search =
      fields.length > 0
        ? searchData(fields, { ...values, ...number }, await loadPinyinForms())
        : {};
    const keyed = duplicateFields(r.fullDef).length > 0;
    const keys = keyed
      ? { [duplicateColumn]: duplicateKeys(r.fullDef, { ...values, ...number }) }
      : {};
    await mapConstraintErrors(r.entity, () =>
      tx
        .insertInto(r.table)
        .values({
          ...values,
          ...number,
          ...search,
          ...keys,
          id,
          version: 1,
          owner: r.actor.userId,
          createdBy: r.actor.userId,
          updatedBy: r.actor.userId,
          createdAt: now,
          updatedAt: now,
        })
        .execute(),
    );
    const row = (await r.read(tx, id, "read", r.hiddenColumns))!;
    await r.log(tx, now, [
      {
        action: "record_created",
        target: r.target(id),
        detail: { ...snapshot([...r.trailFields, "owner"], row, "created") },
      },
    ]);
    const record = toRecordJson(r.def, row);
    await r.deps.hooks.run("afterCreate", r.event(tx, { record }));
    return record;
  });
}

export async function patchRecord(
  r: EntityRecords,
  id: string,
  body: Record<string, unknown>,
  expectedVersion: number,
): Promise<RecordJson> {
  r.require("update");
  r.company.policy.refuseReadOnly(r.company, r.entity, body);
  const checked = r.check(body, "patch");
  return r.deps.db.transaction().execute(async (tx) => {
    const before = await r.requireInScope(tx, id, "update", r.hiddenColumns);
    const hooked = { ...body };
    const previous = toRecordJson(r.def, before);
    await r.deps.hooks.run("beforeUpdate", r.event(tx, { values: hooked, before: previous }));
    const values = unchanged(hooked, body) ? checked : r.check(hooked, "patch", true);
    refuseRetiredOptions(r.def, values, before);
    await checkReferences(tx, r.company, r.def, r.actor, values, before);
    if (duplicateFields(r.fullDef).some((f) => f in values))
      await refuseDuplicates(tx, r.company, r.entity, r.actor, { ...before, ...values }, id);
    const at = await writeVersion(r, tx, id, values, expectedVersion);
    const after = (await r.read(tx, id))!;
    const changed = changes(Object.keys(values), before, after);
    if (changed)
      await r.log(tx, at, [
        { action: "record_changed", target: r.target(id), detail: { ...changed } },
      ]);
    const record = toRecordJson(r.def, after);
    await r.deps.hooks.run("afterUpdate", r.event(tx, { record, before: previous }));
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
export async function reassignRecord(
  r: EntityRecords,
  id: string,
  owner: string,
  expectedVersion: number | undefined,
  related: boolean,
): Promise<ReassignedJson> {
  r.require("update");
  return r.deps.db.transaction().execute(async (tx) => {
    const before = await r.requireInScope(tx, id, "manage");
    await requireActiveUser(tx, r.company, owner);
    const at = await writeVersion(r, tx, id, { owner }, expectedVersion);
    const from = before.owner as string;
    const moved: MovedRecords = related
      ? await moveRelated(tx, r.company, r.actor, { entity: r.entity, id, from, to: owner }, at)
      : {};
    const change = { before: { owner: from }, after: { owner } };
    const entities = Object.fromEntries(Object.entries(moved).map(([e, ids]) => [e, ids.length]));
    await r.log(tx, at, [
      // Giving a record to its owner changes nothing a history would show.
      ...(from === owner
        ? []
        : [
            {
              action: "record_reassigned" as const,
              target: r.target(id),
              detail: related ? { ...change, related: entities } : change,
            },
          ]),
      ...Object.entries(moved).flatMap(([entity, ids]) =>
        ids.map((other) => ({
          action: "record_reassigned" as const,
          target: `${entity}/${other}`,
          detail: { ...change, via: r.target(id) },
        })),
      ),
    ]);
    const record = toRecordJson(r.def, (await r.read(tx, id, "written"))!);
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
export async function touchRecord(
  r: EntityRecords,
  tx: Db,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  r.require("update");
  await r.requireInScope(tx, id, "manage");
  await writeVersion(r, tx, id, {}, expectedVersion);
}

export async function deleteRecord(
  r: EntityRecords,
  id: string,
  expectedVersion: number | undefined,
): Promise<void> {
  r.require("delete");
  await r.deps.db.transaction().execute(async (tx) => {
    const row = await r.requireInScope(tx, id, "delete", r.hiddenColumns);
    if (expectedVersion !== undefined && row.version !== expectedVersion) {
      throw ApiError.conflict(
        "stale",
        tr("the record is at version {current}, not {expected}", {
          current: String(row.version),
          expected: expectedVersion,
        }),
        { current: toRecordJson(r.def, row) },
      );
    }
    const record = toRecordJson(r.def, row);
    await r.deps.hooks.run("beforeDelete", r.event(tx, { record }));
    await refuseIfReferenced(tx, r.company, r.entity, r.actor, id);
    const effects = await deleteEffects(tx, r.company, r.entity, id);
    await mapConstraintErrors(r.entity, () =>
      tx.deleteFrom(r.table).where("id", "=", id).execute(),
    );
    await r.deps.recordsDeleted(tx, r.company, effects.gone);
    await r.log(tx, r.deps.now(), [
      {
        action: "record_deleted",
        target: r.target(id),
        detail: { ...snapshot([...r.trailFields, "owner"], row, "deleted") },
      },
      ...effects.entries,
    ]);
    await r.deps.hooks.run("afterDelete", r.event(tx, { record }));
  });
}

/**
 * An update that bumps the version, or a 409 with the current record when
 * `expected` is stale. Answers the moment it wrote, for the trail.
 */
async function writeVersion(
  r: EntityRecords,
  tx: Db,
  id: string,
  values: Record<string, unknown>,
  expected: number | undefined,
): Promise<Date> {
  const at = r.deps.now();
  let update = tx
    .updateTable(r.table)
    .set({
      ...values,
      version: sql`"version" + 1`,
      updatedBy: r.actor.userId,
      updatedAt: at,
    })
    .where("id", "=", id);
  if (expected !== undefined) update = update.where("version", "=", expected);
  // A search field written: the row's search data is computed again from what it now holds.
  const fields = r.searchFields;
  const searched = fields.some((f) => f in values);
  // Likewise its duplicate keys when a duplicate field is written.
  const keyFields = duplicateFields(r.fullDef);
  const keyed = keyFields.some((f) => f in values);
  const returned = new Set(["id", ...(searched ? fields : []), ...(keyed ? keyFields : [])]);
  const updated = await mapConstraintErrors(r.entity, () =>
    update.returning([...returned]).executeTakeFirst(),
  );
  if (updated && searched) await writeSearchData(tx, r.table, fields, [updated]);
  if (updated && keyed) await writeDuplicateKeys(tx, r.table, r.fullDef, [updated]);
  if (updated) return at;
  const row = (await r.read(tx, id))!;
  throw ApiError.conflict(
    "stale",
    tr(
      "the record changed since version {expected}: it is at version {current}; reload and apply your change again",
      { expected: String(expected), current: String(row.version) },
    ),
    { current: toRecordJson(r.def, row) },
  );
}

/**
 * Defaults of fields the user may not write (read-only or hidden to them):
 * the validator fills only the fields the user writes, but a record made by
 * this user must look like one made by anyone else.
 */
function defaultsOutOfReach(r: EntityRecords, values: Record<string, unknown>): void {
  for (const [name, field] of Object.entries(r.fullDef.entity.fields)) {
    if (field.default === undefined || field.hidden || name in values) continue;
    const mine = r.def.entity.fields[name]!;
    if (!mine.hidden && !readOnlyReason(r.def, name, mine)) continue;
    const type = getFieldType(field.type)!;
    values[name] = type.toDb
      ? type.toDb(field.default, field, r.company.fieldContext)
      : field.default;
  }
}

/** Whether before-hooks left a body as it was (then it needs no second check). */
function unchanged(hooked: Record<string, unknown>, body: Record<string, unknown>): boolean {
  const keys = Object.keys(hooked);
  return keys.length === Object.keys(body).length && keys.every((k) => hooked[k] === body[k]);
}
