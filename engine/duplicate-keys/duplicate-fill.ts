import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { duplicateColumn, duplicateFields, duplicateSignature } from "./duplicate-keys.ts";
import { writeDuplicateKeys } from "./write-duplicate-keys.ts";

/** Rows computed and written per transaction: a short lock on a few rows, never on the table. */
export const duplicateFillBatch = 2_000;

/**
 * Where an entity's keys stand, as the comment of `_dup` says: `<signature>`
 * once every row holds keys of that signature, `<signature>|<last id>` while
 * a fill goes through the rows in id order (`<signature>|` before its first
 * batch). A comment is transactional and needs no table of its own.
 */
export interface FillState {
  readonly signature: string | null;
  /** Undefined when finished; null before the first row. */
  readonly after: string | null | undefined;
}

export const fillComment = (signature: string, after: string | null | undefined): string =>
  after === undefined ? signature : `${signature}|${after ?? ""}`;

/** The state an entity's `_dup` comment records; a signature of null when it has none. */
export async function readFillState(tx: Db, schema: string, key: string): Promise<FillState> {
  const { rows } = await sql<{ comment: string | null }>`
    select col_description(${`${schema}.${key}`}::regclass, a.attnum) as comment
    from pg_catalog.pg_attribute a
    where a.attrelid = ${`${schema}.${key}`}::regclass and a.attname = ${duplicateColumn}`.execute(
    tx,
  );
  const comment = rows[0]?.comment ?? null;
  if (comment === null) return { signature: null, after: undefined };
  const bar = comment.lastIndexOf("|");
  const [signature, rest] = [comment.slice(0, bar), comment.slice(bar + 1)];
  // The signature itself ends in "|<revision>": a place is a uuid or nothing after a second bar.
  return /^[0-9a-f-]{36}$|^$/.test(rest) && signature.includes("|")
    ? { signature, after: rest === "" ? null : rest }
    : { signature: comment, after: undefined };
}

export async function writeFillState(
  tx: Db,
  schema: string,
  key: string,
  signature: string,
  after: string | null | undefined,
): Promise<void> {
  await sql`comment on column ${sql.id(schema, key, duplicateColumn)} is ${sql.lit(fillComment(signature, after))}`.execute(
    tx,
  );
}

/**
 * Computes the keys of the next batch of an entity's rows, inside the
 * caller's transaction: the rows are locked while computed, so that a record
 * written meanwhile waits (and then writes its own keys) rather than being
 * overwritten with keys of its old values. Answers whether rows are left.
 * A fill whose signature is no longer the entity's stops: the sync that
 * changed it started another.
 */
export async function fillBatch(
  tx: Db,
  schema: string,
  def: EntityDefinition,
  batch = duplicateFillBatch,
): Promise<boolean> {
  const key = def.entity.key;
  await sql`select pg_advisory_xact_lock(hashtext(${`duplicate-fill:${schema}.${key}`}))`.execute(
    tx,
  );
  const signature = duplicateSignature(def);
  const state = await readFillState(tx, schema, key);
  if (state.signature !== signature || state.after === undefined) return false;
  const fields = duplicateFields(def);
  let read = tx
    .selectFrom(`${schema}.${key}`)
    .select(["id", ...fields])
    .orderBy("id")
    .limit(batch)
    .forUpdate();
  if (state.after !== null) read = read.where("id", ">", state.after);
  const page = (await read.execute()) as Record<string, unknown>[];
  await writeDuplicateKeys(tx, `${schema}.${key}`, def, page);
  const more = page.length === batch;
  await writeFillState(tx, schema, key, signature, more ? (page.at(-1)!.id as string) : undefined);
  return more;
}
