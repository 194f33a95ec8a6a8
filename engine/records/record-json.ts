import { sql } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { visibleFields } from "./entity-fields.ts";

export type Row = Record<string, unknown>;
export type RecordJson = Record<string, unknown>;

const userRefs = ["owner", "createdBy", "updatedBy"] as const;

/** Columns to select for an entity: system columns and visible fields; hidden fields are never read. */
export function selectedColumns(def: EntityDefinition): string[] {
  return [
    "id",
    ...visibleFields(def).map(([name]) => name),
    ...userRefs,
    "createdAt",
    "updatedAt",
    "version",
  ];
}

/**
 * Rows → the API's JSON (design brief §8): keys in a fixed order, values in
 * the data contract's forms, and `_display` titles of every reference,
 * fetched with one query per target entity, never one per row.
 */
export async function toRecordJson(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  rows: Row[],
): Promise<RecordJson[]> {
  const fields = visibleFields(def);
  const refs: [string, string][] = [
    ...fields
      .filter(([, f]) => f.type === "reference")
      .map(([name, f]) => [name, f.entity!] as [string, string]),
    ...userRefs.map((r) => [r, userEntity.key] as [string, string]),
  ];
  const titles = await fetchTitles(db, company, refs, rows);
  return rows.map((row) => {
    const out: RecordJson = { id: row.id };
    for (const [name] of fields) {
      const value = row[name];
      // The drivers' type parsers already give the data contract's forms.
      out[name] = value ?? null;
    }
    for (const r of userRefs) out[r] = row[r] ?? null;
    out.createdAt = row.createdAt;
    out.updatedAt = row.updatedAt;
    out.version = row.version;
    const display: Record<string, string> = {};
    for (const [name, target] of refs) {
      const title = row[name] == null ? undefined : titles.get(target)?.get(row[name] as string);
      if (title !== undefined) display[name] = title;
    }
    out._display = display;
    return out;
  });
}

async function fetchTitles(db: Db, company: CompanyContext, refs: [string, string][], rows: Row[]) {
  const idsByTarget = new Map<string, Set<string>>();
  for (const [name, target] of refs) {
    for (const row of rows) {
      const id = row[name];
      if (typeof id !== "string") continue;
      if (!idsByTarget.has(target)) idsByTarget.set(target, new Set());
      idsByTarget.get(target)!.add(id);
    }
  }
  const titles = new Map<string, Map<string, string>>();
  for (const [target, ids] of idsByTarget) {
    const { table, column } =
      target === userEntity.key
        ? { table: userEntity.table, column: userEntity.titleColumn }
        : { table: target, column: company.meta.entities[target]!.entity.titleField };
    const result = await db
      .selectFrom(`${company.schema}.${table}`)
      .select(["id", sql<string>`${sql.ref(column)}::text`.as("title")])
      .where("id", "in", [...ids])
      .execute();
    titles.set(
      target,
      new Map(result.map((r) => [r.id as string, (r.title as string | null) ?? ""])),
    );
  }
  return titles;
}
