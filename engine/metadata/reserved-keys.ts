import { tr, type Text } from "../i18n/text.ts";
import { isSystemField, userEntity } from "./metadata-types.ts";

/**
 * Names a field or entity key may not take, whatever its pattern allows:
 * one place for every check of base metadata (check-entity.ts) and of an
 * admin's new key (admin/reserved-key-refusal.ts).
 */

/** Properties every JavaScript object has: a record or map keyed by them would find the prototype's. */
const objectNames = new Set(
  Object.getOwnPropertyNames(Object.prototype).flatMap((name) => [name, name.toLowerCase()]),
).add("prototype");

/**
 * PostgreSQL's reserved key words (reserved and reserved-as-function, SQL
 * key words appendix): an entity is a table that reports, exports and SQL
 * written by hand name unquoted.
 */
const sqlReserved = new Set(
  `all analyse analyze and any array as asc asymmetric authorization binary both case cast check
  collate collation column concurrently constraint create cross current_catalog current_date
  current_role current_schema current_time current_timestamp current_user default deferrable desc
  distinct do else end except false fetch for foreign freeze from full grant group having ilike in
  initially inner intersect into is isnull join lateral leading left like limit localtime
  localtimestamp natural not notnull null offset on only or order outer overlaps placing primary
  references returning right select session_user similar some symmetric system_user table
  tablesample then to trailing true union unique user using variadic verbose when where window with`.split(
    /\s+/,
  ),
);

/** Why a field key is reserved, or undefined when it is free. */
export function reservedFieldKey(key: string): Text | undefined {
  if (isSystemField(key))
    return tr('"{key}" is a system field every record has; choose another key', { key });
  if (key.startsWith("_") || key.startsWith("sys_"))
    return tr('"{key}" is reserved: keys starting with _ or sys_ are the engine\'s own columns', {
      key,
    });
  if (key.includes("__"))
    return tr(
      '"{key}" is reserved: keys holding __ name the columns that keep a field\'s values after a type change',
      { key },
    );
  if (objectNames.has(key))
    return tr('"{key}" is reserved: every JavaScript object has a property of that name', { key });
  return undefined;
}

/** Why an entity key is reserved, or undefined when it is free (tables already in the schema are checked apart). */
export function reservedEntityKey(key: string): Text | undefined {
  if (key.startsWith("sys_") || key.startsWith("_") || key === userEntity.key)
    return tr('entity key "{key}" is reserved: it names one of the engine\'s own tables', { key });
  if (sqlReserved.has(key))
    return tr('entity key "{key}" is reserved: it is an SQL key word', { key });
  // Tables share PostgreSQL's names with the indexes and constraints sync names after them.
  if (/_(idx|key|keyset|gin|cover|fkey|pkey|seq)$/.test(key))
    return tr(
      'entity key "{key}" is reserved: a key ending like an index or constraint name would collide with those of another entity',
      { key },
    );
  if (objectNames.has(key))
    return tr(
      'entity key "{key}" is reserved: every JavaScript object has a property of that name',
      { key },
    );
  return undefined;
}
