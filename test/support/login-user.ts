import { sql } from "kysely";
import { hashPassword } from "../../engine/companies/password.ts";
import type { TestEngine } from "./test-engine.ts";

let users = 0;
const hashes = new Map<string, Promise<string>>();

/**
 * Adds an active user who is not an admin, straight into the database, and
 * returns a username no other test uses, so that each test starts with a
 * clean login-throttle count for its account.
 */
export async function addLoginUser(
  engine: TestEngine,
  slug: string,
  password: string,
): Promise<string> {
  const username = `login${++users}_${process.pid}`;
  if (!hashes.has(password)) hashes.set(password, hashPassword(password));
  await sql`insert into ${sql.id(`co_${slug}`, "sys_user")}
    (id, username, display_name, password_hash, is_admin, is_active)
    values (${engine.deps.newId()}, ${username}, ${username}, ${await hashes.get(password)!},
      false, true)`.execute(engine.deps.database.db);
  return username;
}
