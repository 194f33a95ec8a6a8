import { sql, type RawBuilder } from "kysely";

type Condition = RawBuilder<boolean>;
import type { Actor } from "../companies/actor.ts";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import {
  recordAlias,
  scopedFrom,
  selectRecords,
  toRecordJson,
  type RecordJson,
} from "../query/record-json.ts";
import {
  duplicateColumn,
  duplicateFields,
  duplicateKey,
  duplicateKeys,
} from "../duplicate-keys/duplicate-keys.ts";

/** Possible duplicates a user is shown at most; the rest are counted. */
export const shownDuplicates = 10;

/** Matching records counted at most (the count is "more than" beyond). */
const countedDuplicates = 1_000;

/** A record that may be the one being written, as the user may see it. */
export interface DuplicateMatch {
  readonly record: RecordJson;
  /** The fields of the values given whose value this record holds too (in any of its duplicate fields). */
  readonly fields: readonly string[];
}

/** The possible duplicates of some values: those the user may see, and how many others exist. */
export interface Duplicates {
  readonly matches: readonly DuplicateMatch[];
  /** Matching records the user may not see, named by no more than their number. */
  readonly hidden: number;
}

/**
 * The entity's records that share a normalised key (duplicate-keys.ts) with
 * `values` (of fields the actor sees), found through the GIN index of
 * `_dup`, never by reading the table: the first ten the actor may read, with the fields that matched
 * (only fields the actor sees), and the number of those out of their
 * sight. `except` is the record being changed.
 */
export async function findDuplicates(
  db: Db,
  company: CompanyContext,
  entity: string,
  actor: Actor,
  values: Readonly<Record<string, unknown>>,
  except?: string,
): Promise<Duplicates> {
  const full = fullCompany(company).meta.entities[entity]!;
  const def = company.meta.entities[entity]!;
  // Only fields the actor sees: a role-hidden field must not be probed through its duplicates.
  const seenValues = Object.fromEntries(
    Object.entries(values).filter(([f]) => def.entity.fields[f] && !def.entity.fields[f].hidden),
  );
  const keys = duplicateKeys(full, seenValues);
  if (keys.length === 0) return { matches: [], hidden: 0 };
  const sharing = sql<boolean>`${sql.ref(`${recordAlias}.${duplicateColumn}`)} && cast(${keys} as text[])`;
  const other =
    except === undefined
      ? sql<boolean>`true`
      : sql<boolean>`${sql.ref(`${recordAlias}.id`)} <> ${except}`;
  const fields = duplicateFields(full);
  const rows = await selectRecords(db, company, def, actor, "read", fields)
    .where(() => sharing)
    .where(() => other)
    .orderBy(`${recordAlias}.createdAt`)
    .limit(shownDuplicates)
    .execute();
  const seen = await countMatching(db, scopedFrom(db, company, def, actor), sharing, other);
  const all = await countMatching(
    db,
    db.selectFrom(`${company.schema}.${entity} as ${recordAlias}`),
    sharing,
    other,
  );
  const visible = new Set(
    Object.keys(def.entity.fields).filter((f) => !def.entity.fields[f]!.hidden),
  );
  // A row's keys from the fields the actor sees only: phone and e-mail keys are shared by every
  // field of the type, so a match through a hidden one (a mobile) must not name the record.
  const matches = rows
    .map((row) => {
      const shown = Object.fromEntries(Object.entries(row).filter(([f]) => visible.has(f)));
      const theirs = new Set(duplicateKeys(full, shown));
      return {
        record: toRecordJson(def, row),
        fields: fields.filter(
          (f) => visible.has(f) && theirs.has(duplicateKey(full, f, seenValues[f]) ?? ""),
        ),
      };
    })
    .filter((m) => m.fields.length > 0);
  return { matches, hidden: Math.max(0, all - seen) };
}

/** Rows of a (scoped) table sharing a key, counted up to `countedDuplicates`. */
async function countMatching(
  db: Db,
  from: ReturnType<typeof scopedFrom>,
  sharing: Condition,
  other: Condition,
): Promise<number> {
  const matching = from
    .where(() => sharing)
    .where(() => other)
    .select(sql.lit(1).as("one"))
    .limit(countedDuplicates)
    .as("m");
  const { n } = await db
    .selectFrom(matching)
    .select(sql<number>`count(*)::int`.as("n"))
    .executeTakeFirstOrThrow();
  return n;
}
