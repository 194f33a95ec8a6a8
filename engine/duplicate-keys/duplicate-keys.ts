import { getFieldType } from "../fields/registry.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";

/**
 * The column the engine keeps beside an entity's fields for the duplicate
 * check (never a field: a field key cannot start with `_`): the normalised
 * keys of the row's duplicate fields, such as `name:恒达科技` or
 * `tel:057188888888`, under a GIN index, so that the rows sharing a key with
 * a form's values are found by the index, never by reading the table.
 */
export const duplicateColumn = "_dup";

/** The GIN index of an entity's `_dup`. */
export const duplicateIndexName = (table: string) => `${table}_dup_gin`;

/** Bumped when what the keys hold changes (a normaliser's rules): every company's rows are computed again. */
const duplicateRevision = 1;

/** A key longer than this is cut: a GIN entry has a size limit, and 200 characters tell companies apart. */
const maxKeyLength = 200;

/** The entity's fields that identify a duplicate, as the company's metadata names them. */
export const duplicateFields = (def: EntityDefinition): readonly string[] =>
  def.entity.duplicateCheck?.fields ?? [];

/** What an entity's keys are computed from, kept in the comment of `_dup` (sync-duplicate-keys.ts). */
export const duplicateSignature = (def: EntityDefinition): string =>
  `${duplicateFields(def).join(",")}|${duplicateRevision}`;

/** The key of one field's value, or undefined when the value identifies nothing. */
export function duplicateKey(
  def: EntityDefinition,
  field: string,
  value: unknown,
): string | undefined {
  const metadata = def.entity.fields[field];
  const compare = metadata && getFieldType(metadata.type)?.duplicateKey;
  if (!compare || typeof value !== "string") return undefined;
  const normal = compare.normalise(value);
  return normal === undefined
    ? undefined
    : `${compare.sharedAs ?? field}:${normal}`.slice(0, maxKeyLength);
}

/** The keys of a row holding (at least) the duplicate fields, each once. */
export function duplicateKeys(
  def: EntityDefinition,
  row: Readonly<Record<string, unknown>>,
): string[] {
  const keys = new Set<string>();
  for (const field of duplicateFields(def)) {
    const key = duplicateKey(def, field, row[field]);
    if (key !== undefined) keys.add(key);
  }
  return [...keys];
}
