import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { Slot, StatementCache } from "../db/statement-cache.ts";
import { accessStateTable } from "../access/access-state-table.ts";
import type { SessionPolicy } from "./session-policy.ts";
import {
  formatToken,
  hashSecret,
  newSessionToken,
  secretMatches,
  type SessionToken,
} from "./session-token.ts";
import { systemTables } from "../db/system-tables.ts";

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  isAdmin: boolean;
}

export interface ValidSession {
  id: string;
  user: SessionUser;
  /** The company's overlay head, read with the session: the metadata cache's invalidation signal. */
  metaHead: number;
  /** The company's access counter, read with the session: the access cache's signal (load-access.ts). */
  accessVersion: number;
}

/**
 * How stale last_seen_at may get before a request writes it again: a tenth
 * of the idle limit, at most a minute. Writing on every request would cost
 * a write per read; the lag makes a session end early by at most this much
 * (6 s of a 1-minute limit, 1 minute of 8 hours), never late.
 */
export function touchAfterMs(policy: SessionPolicy): number {
  return Math.min(60_000, policy.inactivityMs / 10);
}

export async function createSession(
  db: Db,
  schema: string,
  company: string,
  userId: string,
  now: Date,
): Promise<string> {
  const token = newSessionToken(company);
  await systemTables(db, schema)
    .insertInto("sys_session")
    .values({
      id: token.id,
      secret_hash: hashSecret(token.secret),
      user_id: userId,
      created_at: now,
      last_seen_at: now,
    })
    .execute();
  return formatToken(token);
}

const statements = new StatementCache();

/** The session a token opens, or undefined (unknown, wrong secret, expired, or its user disabled). */
export async function validateSession(
  db: Db,
  schema: string,
  token: SessionToken,
  now: Date,
  policy: SessionPolicy,
): Promise<ValidSession | undefined> {
  // Every request runs this: compiled once per company schema, rebound per token.
  const [row] = await statements.run(db, schema, [token.id], () =>
    systemTables(db, schema)
      .selectFrom("sys_session as s")
      .innerJoin("sys_user as u", "u.id", "s.user_id")
      .select([
        "s.secret_hash",
        "s.created_at",
        "s.last_seen_at",
        "u.id as user_id",
        "u.username",
        "u.display_name",
        "u.is_admin",
        "u.is_active",
        sql<number>`(select head from ${sql.id(schema, "sys_meta_state")} where id = 1)`.as("head"),
        sql<number>`(select version from ${sql.id(schema, accessStateTable)} where id = 1)`.as(
          "access_version",
        ),
      ])
      .where("s.id", "=", sql<string>`${new Slot(0)}`),
  );
  if (!row || !secretMatches(token.secret, row.secret_hash)) return undefined;
  const t = now.getTime();
  const expired =
    t - Date.parse(row.last_seen_at) > policy.inactivityMs ||
    t - Date.parse(row.created_at) > policy.absoluteMs;
  if (expired || !row.is_active) {
    await deleteSession(db, schema, token.id);
    return undefined;
  }
  if (t - Date.parse(row.last_seen_at) > touchAfterMs(policy)) {
    await systemTables(db, schema)
      .updateTable("sys_session")
      .set({ last_seen_at: now })
      .where("id", "=", token.id)
      .execute();
  }
  return {
    id: token.id,
    user: {
      id: row.user_id,
      username: row.username,
      displayName: row.display_name,
      isAdmin: row.is_admin,
    },
    metaHead: row.head,
    accessVersion: row.access_version,
  };
}

export async function deleteSession(db: Db, schema: string, id: string): Promise<void> {
  await systemTables(db, schema).deleteFrom("sys_session").where("id", "=", id).execute();
}

declare module "../http/app-env.ts" {
  interface RequestVariables {
    session: ValidSession;
  }
}
