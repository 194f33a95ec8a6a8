import { sql } from "kysely";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { refersToRecords } from "../fields/registry.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { entityName } from "../metadata/metadata-texts.ts";
import { toRecordJson, type RecordJson, type Row } from "../query/record-json.ts";
import { noRecord } from "../records/record-texts.ts";
import type { RecordDeps } from "../records/record-deps.ts";
import type { RecordEntry, RecordTrail } from "../records/record-trail.ts";
import { changes, snapshot } from "../records/record-changes.ts";
import { loadPinyinForms } from "../search-index/pinyin-forms.ts";
import { searchData, searchFields } from "../search-index/search-data.ts";
import { shareTable } from "../access/share-table.ts";
import { duplicateFields } from "../duplicate-keys/duplicate-keys.ts";
import { writeDuplicateKeys } from "../duplicate-keys/write-duplicate-keys.ts";

/** Two records to make one: which stays, which goes, and per field whose value the one kept takes. */
export interface MergeRequest {
  readonly keep: string;
  readonly remove: string;
  readonly values: Readonly<Record<string, "keep" | "remove">>;
}

/** What a merge did: the record kept as it now is, and how many records now refer to it instead. */
export interface MergeResult {
  readonly record: RecordJson;
  readonly repointed: Record<string, number>;
}

/**
 * Merges record `remove` into record `keep` in one transaction (Y2): both
 * rows locked first (in id order, so that two merges of the pair queue
 * rather than deadlock), every reference to `remove` in every entity
 * (hidden fields included) pointed at `keep`, its shares moved, the fields
 * chosen from `remove` written to `keep`, then `remove` deleted. The trail
 * keeps both: `keep` changed (with the id it absorbed), each re-pointed
 * record changed, `remove` deleted with all its values and the id it went
 * into, so its history stays findable in the audit trail. A record already
 * gone when the locks are had (another merge won) is a 409.
 */
export async function mergeRecords(
  deps: RecordDeps,
  trail: RecordTrail,
  company: CompanyContext,
  entity: string,
  actorId: string,
  request: MergeRequest,
): Promise<MergeResult> {
  const meta = fullCompany(company).meta;
  const def = meta.entities[entity]!;
  const table = `${company.schema}.${entity}`;
  const { keep, remove } = request;
  if (keep === remove) throw ApiError.badRequest(tr("a record cannot be merged with itself"));
  const fields = visibleFields(def).map(([name]) => name);
  for (const field of Object.keys(request.values))
    if (!fields.includes(field))
      throw ApiError.invalidRequest([
        { field: `values/${field}`, rule: "unknown", message: tr("is not a field of this entity") },
      ]);
  const read = (db: Db, lock: boolean) => {
    const query = db.selectFrom(table).selectAll().where("id", "in", [keep, remove]).orderBy("id");
    return (lock ? query.forUpdate() : query).execute() as Promise<Row[]>;
  };
  const missing = (rows: Row[]) => [keep, remove].find((id) => !rows.some((r) => r.id === id));
  return deps.db.transaction().execute(async (tx) => {
    const seen = missing(await read(tx, false));
    if (seen) throw ApiError.notFound(noRecord(entityName(def), seen));
    const locked = await read(tx, true);
    const gone = missing(locked);
    if (gone)
      throw ApiError.conflict(
        "merge_conflict",
        tr(
          "record {id} was merged or deleted while this merge waited for it; reload and choose again",
          { id: gone },
        ),
      );
    const kept = locked.find((r) => r.id === keep)!;
    const removed = locked.find((r) => r.id === remove)!;
    const at = deps.now();
    const entries: RecordEntry[] = [];
    const repointed: Record<string, number> = {};
    for (const [key, other] of Object.entries(meta.entities))
      for (const [name, field] of Object.entries(other.entity.fields)) {
        if (!refersToRecords(field) || field.entity !== entity) continue;
        const moved = (await tx
          .updateTable(`${company.schema}.${key}`)
          .set({ [name]: keep, version: sql`"version" + 1`, updatedBy: actorId, updatedAt: at })
          .where(name, "=", remove)
          .returning("id")
          .execute()) as { id: string }[];
        if (moved.length === 0) continue;
        repointed[key] = (repointed[key] ?? 0) + moved.length;
        for (const { id } of moved)
          entries.push({
            action: "record_changed",
            target: `${key}/${id}`,
            detail: {
              before: { [name]: remove },
              after: { [name]: keep },
              via: `${entity}/${keep}`,
            },
          });
      }
    await moveShares(tx, company.schema, entity, remove, keep);
    await deps.recordsDeleted(tx, company, new Set([`${entity}/${remove}`]));
    await tx.deleteFrom(table).where("id", "=", remove).execute();
    const taken = Object.fromEntries(
      Object.entries(request.values)
        .filter(([, from]) => from === "remove")
        .map(([field]) => [field, removed[field]]),
    );
    const names = searchFields(def);
    const search =
      names.length > 0 ? searchData(names, { ...kept, ...taken }, await loadPinyinForms()) : {};
    await tx
      .updateTable(table)
      .set({ ...taken, ...search, version: sql`"version" + 1`, updatedBy: actorId, updatedAt: at })
      .where("id", "=", keep)
      .execute();
    if (duplicateFields(def).length > 0)
      await writeDuplicateKeys(tx, table, def, [{ ...kept, ...taken }]);
    const after = (await tx
      .selectFrom(table)
      .selectAll()
      .where("id", "=", keep)
      .executeTakeFirstOrThrow()) as Row;
    const changed = changes(Object.keys(taken), kept, after);
    entries.unshift(
      {
        action: "record_changed",
        target: `${entity}/${keep}`,
        detail: { ...(changed ?? { before: {}, after: {} }), mergedFrom: remove },
      },
      {
        action: "record_deleted",
        target: `${entity}/${remove}`,
        detail: { ...snapshot([...fields, "owner"], removed, "deleted"), mergedInto: keep },
      },
    );
    await trail.write(tx, company.schema, at, entries);
    return { record: toRecordJson(def, after), repointed };
  });
}

/** Shares of the record removed go to the one kept, unless the same user or department already has one there. */
async function moveShares(tx: Db, schema: string, entity: string, from: string, to: string) {
  const shares = sql.id(schema, shareTable);
  await sql`update ${shares} s set "record_id" = ${to}
    where s."entity" = ${entity} and s."record_id" = ${from}
      and not exists (select 1 from ${shares} t where t."entity" = ${entity} and t."record_id" = ${to}
        and coalesce(t."user_id", t."department_id") = coalesce(s."user_id", s."department_id"))`.execute(
    tx,
  );
}
