import { sql, type SelectQueryBuilder } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db, DynamicTables } from "../db/database.ts";
import { userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { visibleFields } from "./entity-fields.ts";

export type Row = Record<string, unknown>;
export type RecordJson = Record<string, unknown>;

/** The alias of the entity's table in record queries; filters and sorts refer to it. */
export const recordAlias = "r";

const userRefs = ["owner", "createdBy", "updatedBy"] as const;
const displayPrefix = "_display.";

/** Reference fields of an entity as answered, with the table and column of their target's title. */
function references(company: CompanyContext, def: EntityDefinition) {
  const fields = visibleFields(def)
    .filter(([, f]) => f.type === "reference")
    .map(([name, f]) => [name, f.entity!] as const);
  return [...fields, ...userRefs.map((r) => [r, userEntity.key] as const)].map(([name, target]) =>
    target === userEntity.key
      ? { name, table: userEntity.table, title: userEntity.titleColumn }
      : { name, table: target, title: company.meta.entities[target]!.entity.titleField },
  );
}

/**
 * The select of an entity's records: system columns, visible fields (hidden
 * ones are never read), and each reference's title as a correlated subquery,
 * so that `_display` costs no query per row and no extra round trip.
 */
export function selectRecords(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
): SelectQueryBuilder<DynamicTables, string, Row> {
  const table = `${company.schema}.${def.entity.key}`;
  const columns = [
    "id",
    ...visibleFields(def).map(([name]) => name),
    ...userRefs,
    "createdAt",
    "updatedAt",
    "version",
  ];
  const titles = references(company, def).map(({ name, table: target, title }) =>
    sql<string>`(select ${sql.ref(`t.${title}`)}::text from ${sql.table(`${company.schema}.${target}`)} as t where t.id = ${sql.ref(`${recordAlias}.${name}`)})`.as(
      displayPrefix + name,
    ),
  );
  return db
    .selectFrom(`${table} as ${recordAlias}`)
    .select(columns.map((c) => `${recordAlias}.${c}`))
    .select(titles);
}

/** A row of `selectRecords` → the API's JSON (design brief §8), keys in a fixed order. */
export function toRecordJson(def: EntityDefinition, row: Row): RecordJson {
  const out: RecordJson = { id: row.id };
  for (const [name] of visibleFields(def)) out[name] = row[name] ?? null;
  for (const r of userRefs) out[r] = row[r] ?? null;
  out.createdAt = row.createdAt;
  out.updatedAt = row.updatedAt;
  out.version = row.version;
  const display: Record<string, string> = {};
  for (const name of referenceNames(def)) {
    const title = row[displayPrefix + name];
    if (typeof title === "string") display[name] = title;
  }
  out._display = display;
  return out;
}

const referenceNamesOf = new WeakMap<EntityDefinition, readonly string[]>();

/** Fields whose titles `_display` carries, computed once per entity definition. */
function referenceNames(def: EntityDefinition): readonly string[] {
  let names = referenceNamesOf.get(def);
  if (!names) {
    names = [
      ...visibleFields(def)
        .filter(([, f]) => f.type === "reference")
        .map(([n]) => n),
      ...userRefs,
    ];
    referenceNamesOf.set(def, names);
  }
  return names;
}
