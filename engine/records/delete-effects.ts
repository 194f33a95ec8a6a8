import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { snapshot } from "./record-changes.ts";
import type { Row } from "../query/record-json.ts";
import type { RecordEntry } from "./record-trail.ts";
import { refersToRecords } from "../fields/registry.ts";

/** Ids per statement of `in (…)`. */
const chunk = 1000;

/**
 * What deleting a record will do to the records that refer to it, as trail
 * entries, and every record it takes away (`entity/id`, itself included): those a `cascade` reference deletes (with their values, and in
 * turn what deleting them does) and those whose `setNull` reference it
 * empties — the database does both, so the trail must hear of them from
 * here. Read in the delete's transaction, before the delete, from the
 * company's whole metadata: the trail is the same whoever deletes.
 */
export async function deleteEffects(
  tx: Db,
  company: CompanyContext,
  entity: string,
  id: string,
): Promise<{ entries: RecordEntry[]; gone: ReadonlySet<string> }> {
  const entities = fullCompany(company).meta.entities;
  const entries: RecordEntry[] = [];
  const gone = new Set([`${entity}/${id}`]);
  let frontier = new Map([[entity, [id]]]);
  while (frontier.size > 0) {
    const next = new Map<string, string[]>();
    for (const [target, ids] of frontier) {
      for (const [key, def] of Object.entries(entities)) {
        for (const [name, field] of Object.entries(def.entity.fields)) {
          if (!refersToRecords(field) || field.entity !== target) continue;
          const action = field.onDelete ?? "restrict";
          if (action === "restrict") continue;
          const columns = [...visibleFields(def).map(([n]) => n), "owner"];
          for (let i = 0; i < ids.length; i += chunk) {
            const rows = (await tx
              .selectFrom(`${company.schema}.${key}`)
              .select(["id", ...(action === "cascade" ? columns : [name])])
              .where(name, "in", ids.slice(i, i + chunk))
              .execute()) as Row[];
            for (const row of rows) {
              const other = `${key}/${String(row.id)}`;
              const via = `${target}/${String(row[name])}`;
              if (action === "setNull") {
                entries.push({
                  action: "record_changed",
                  target: other,
                  detail: { before: { [name]: row[name] }, after: { [name]: null }, via },
                });
              } else if (!gone.has(other)) {
                gone.add(other);
                next.set(key, [...(next.get(key) ?? []), String(row.id)]);
                entries.push({
                  action: "record_deleted",
                  target: other,
                  detail: { ...snapshot(columns, row, "deleted"), via },
                });
              }
            }
          }
        }
      }
    }
    frontier = next;
  }
  // A record the delete takes away is deleted, not emptied.
  return {
    entries: entries.filter((e) => !gone.has(e.target) || e.action !== "record_changed"),
    gone,
  };
}
