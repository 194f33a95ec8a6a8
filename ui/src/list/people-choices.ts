import { api } from "../api/http.ts";
import type { RecordData } from "../api/meta-types.ts";
import { session } from "../api/session.ts";
import { isAdmin } from "../admin/is-admin.ts";

export interface Choice {
  id: string;
  label: string;
}

/**
 * Whom records may be assigned or shared to. Only admins may list users and
 * departments (`/api/admin/users`, `/api/admin/departments`); everyone else
 * picks among themselves and the owners of the records they can see on the
 * page (`_display.owner`), which tells them nothing they do not already see.
 */
export async function peopleChoices(
  rows: RecordData[],
): Promise<{ users: Choice[]; departments: Choice[] }> {
  if (isAdmin()) {
    const [users, departments] = await Promise.all([
      api<{
        items: { id: string; username: string; displayName: string | null; isActive: boolean }[];
      }>("GET", "/api/admin/users"),
      api<{ items: { id: string; name: string }[] }>("GET", "/api/admin/departments"),
    ]);
    return {
      users: users.items
        .filter((u) => u.isActive)
        .map((u) => ({ id: u.id, label: u.displayName || u.username })),
      departments: departments.items.map((d) => ({ id: d.id, label: d.name })),
    };
  }
  const seen = new Map<string, string>();
  const me = session()?.user;
  if (me) seen.set(me.id, me.displayName || me.username);
  for (const row of rows) {
    const owner = row.owner;
    const title = row._display?.owner;
    if (typeof owner === "string" && !seen.has(owner)) seen.set(owner, title ?? owner);
  }
  return { users: [...seen].map(([id, label]) => ({ id, label })), departments: [] };
}
