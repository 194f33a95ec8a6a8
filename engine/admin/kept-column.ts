/**
 * `x_qty__v7`: the column in which a type change at overlay version 7 kept
 * x_qty's values of the old type (type-change.ts). A field key cannot hold
 * `__` (reserved-keys.ts), so no field ever takes such a name; the longest
 * field key with the largest version stays within PostgreSQL's 63 bytes.
 */
export const keptColumn = (field: string, version: number) => `${field}__v${version}`;
