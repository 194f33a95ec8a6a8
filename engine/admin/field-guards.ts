import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { createAjv } from "../fields/create-ajv.ts";
import type { FieldContext } from "../fields/field-type.ts";
import { commonFieldProperties, getFieldType } from "../fields/registry.ts";
import type { Sql } from "../fields/text-conversion.ts";
import { ApiError } from "../http/api-error.ts";
import { AjvText } from "../i18n/ajv-text.ts";
import { tr } from "../i18n/text.ts";
import type { FieldMetadata, FieldPatch } from "../../metadata/types.gen.ts";

/** Example values of a refusal. */
const exampleCount = 5;

/** An option that was asked to go but that records still hold: it is retired instead. */
export interface OptionInUse {
  option: string;
  records: number;
}

/** What a field change did to existing records, for the answer. */
export interface FieldGuardReport {
  /** Empty values filled with `fillWith` when the field became required. */
  filled?: number;
  /** Options asked to go that records still hold: kept for them, hidden from new entries. */
  optionsInUse?: OptionInUse[];
}

interface FieldGuardInput {
  tx: Db;
  schema: string;
  entity: string;
  key: string;
  /** The field as it is now. */
  current: FieldMetadata;
  /** The change asked for. */
  patch: FieldPatch;
  /** The value given to fill empty records with, when making the field required. */
  fillWith: unknown;
  ctx: FieldContext;
}

/**
 * The checks of a field change against the records that exist (issue 16,
 * guard rails): what a type change leaves of the old type's properties,
 * required (refused with the count of empty records unless `fillWith` fills
 * them), unique (refused with the count of shared values and of the records
 * holding them) and options removed (retired while records hold them).
 * Returns the field's overlay patch to write; runs in the change's
 * transaction, so a fill is written with the change or not at all.
 */
export async function guardFieldChange(
  input: FieldGuardInput,
  overlayPatch: FieldPatch | undefined,
): Promise<{ patch: FieldPatch; report: FieldGuardReport }> {
  const { current, patch } = input;
  let next: FieldPatch = { ...overlayPatch, ...patch };
  const report: FieldGuardReport = {};
  if (patch.type !== undefined && patch.type !== current.type) next = forNewType(next, patch);
  const after = { ...current, ...next } as FieldMetadata;

  if (input.fillWith !== undefined && !(patch.required === true && !current.required))
    throw ApiError.invalidRequest([
      {
        field: "fillWith",
        rule: "required",
        message: tr(
          "fillWith fills empty records of a field being made required: send it with required: true",
        ),
      },
    ]);
  if (patch.required === true && !current.required)
    report.filled = await requireValues(input, after);
  if (patch.unique === true && !current.unique) await refuseDuplicates(input);
  if (patch.options !== undefined && current.options !== undefined) {
    const { options, retiredOptions, inUse } = await retireOptions(input, patch.options);
    next = { ...next, options };
    if (retiredOptions.length > 0) next.retiredOptions = retiredOptions;
    else delete next.retiredOptions;
    report.optionsInUse = inUse;
  }
  return { patch: next, report };
}

/** A field becoming another type keeps the common properties and those of the change; the old type's own go. */
function forNewType(field: FieldPatch, patch: FieldPatch): FieldPatch {
  const keep = new Set<string>([
    ...commonFieldProperties,
    ...(getFieldType(patch.type!)?.properties ?? []),
  ]);
  return Object.fromEntries(
    Object.entries(field).filter(([prop]) => keep.has(prop) || prop in patch),
  ) as FieldPatch;
}

/** Where a record has no value for the field, as the API judges a required one. */
function emptyTest(column: Sql, field: FieldMetadata, ctx: FieldContext): Sql {
  const type = getFieldType(field.type)!;
  if (type.holdsSet) return sql`(${column} is null or cardinality(${column}) = 0)`;
  if (type.sqlType(field, ctx) === "text") return sql`(${column} is null or ${column} ~ '^\\s*$')`;
  return sql`${column} is null`;
}

/** Counts the records without a value; fills them with `fillWith` when given, else refuses with the count. */
async function requireValues(input: FieldGuardInput, after: FieldMetadata): Promise<number> {
  const { tx, schema, entity, key, current, ctx, fillWith } = input;
  const table = sql.id(schema, entity);
  const empty = emptyTest(sql.id(key), current, ctx);
  if (fillWith === undefined) {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from ${table} where ${empty}`.execute(tx);
    const count = rows[0]!.n;
    if (count > 0)
      throw ApiError.conflict(
        "empty_values",
        tr(
          'field "{field}" cannot become required: {count} records of {entity} have no value in it; fill them first or send fillWith, a value to fill them with',
          { field: key, entity, count },
        ),
        { field: key, count },
      );
    return 0;
  }
  const value = checkedFill(fillWith, after, ctx);
  const filled = await sql`update ${table} set ${sql.id(key)} = ${value}, "version" = "version" + 1
    where ${empty}`.execute(tx);
  return Number(filled.numAffectedRows ?? 0);
}

const ajv = createAjv();

/** `fillWith` is a value of the field like any other: the field's JSON Schema and checks. */
function checkedFill(value: unknown, field: FieldMetadata, ctx: FieldContext): unknown {
  const type = getFieldType(field.type)!;
  const validate = ajv.compile(type.jsonSchema(field, ctx));
  const message =
    value === null || (typeof value === "string" && value.trim() === "")
      ? tr("must be a value, not empty")
      : !validate(value)
        ? new AjvText(validate.errors![0]!)
        : type.checkValue?.(value, field, ctx);
  if (message) throw ApiError.invalidRequest([{ field: "fillWith", rule: "value", message }]);
  return type.toDb ? type.toDb(value, field, ctx) : value;
}

/** Refuses unique while records share values: how many values, how many records, and the commonest. */
async function refuseDuplicates({ tx, schema, entity, key, current }: FieldGuardInput) {
  const column = sql.id(key);
  const t = getFieldType(current.type)!.asText?.(column) ?? sql`${column}::text`;
  const { rows } = await sql<{ value: string; records: number; values: number; total: number }>`
    select value, records, (count(*) over ())::int as values, (sum(records) over ())::int as total
    from (select min(${t}) as value, count(*)::int as records from ${sql.id(schema, entity)}
      where ${column} is not null group by ${column} having count(*) > 1) d
    order by records desc, value limit ${sql.lit(exampleCount)}`.execute(tx);
  if (rows.length === 0) return;
  const { values, total } = rows[0]!;
  const examples = rows.map((r) => ({ value: r.value, records: r.records }));
  throw ApiError.conflict(
    "existing_duplicates",
    tr(
      'field "{field}" cannot become unique: {values} values are each held by more than one record of {entity} ({records} records in all), for example {examples}; make them distinct first',
      {
        field: key,
        entity,
        values,
        records: total,
        examples: examples.map((e) => `${JSON.stringify(e.value)} × ${e.records}`).join(", "),
      },
    ),
    { field: key, values, records: total, examples },
  );
}

/**
 * Options asked to go: those no record holds go; those records hold stay,
 * retired (kept after the others, hidden from new entries), with how many
 * records hold each. An option asked for again is active again.
 */
async function retireOptions(
  { tx, schema, entity, key, current }: FieldGuardInput,
  asked: string[],
) {
  const removed = (current.options ?? []).filter((o) => !asked.includes(o));
  if (removed.length === 0) return { options: asked, retiredOptions: [], inUse: [] };
  const column = sql.id(key);
  const holds = getFieldType(current.type)!.holdsSet
    ? (o: string) => sql`${column} @> array[${o}]::text[]`
    : (o: string) => sql`${column} = ${o}`;
  const { rows } = await sql<Record<string, number>>`
    select ${sql.join(removed.map((o, i) => sql`(count(*) filter (where ${holds(o)}))::int as ${sql.id(`o${i}`)}`))}
    from ${sql.id(schema, entity)}`.execute(tx);
  const inUse = removed
    .map((option, i) => ({ option, records: rows[0]![`o${i}`]! }))
    .filter((o) => o.records > 0);
  const retiredOptions = inUse.map((o) => o.option);
  return { options: [...asked, ...retiredOptions], retiredOptions, inUse };
}
