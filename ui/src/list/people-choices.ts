import { api } from "../api/http.ts";

export interface Choice {
  id: string;
  label: string;
}

/**
 * Colleagues to assign records to or share them with, from the directory
 * every signed-in user may read (`GET /api/directory/users`: active users'
 * names and departments only), filtered by `q` on the server.
 */
export async function findUsers(q: string): Promise<Choice[]> {
  const params = new URLSearchParams({ limit: "50" });
  if (q.trim()) params.set("q", q.trim());
  const answer = await api<{
    items: {
      id: string;
      username: string;
      displayName: string | null;
      department: { name: string } | null;
    }[];
  }>("GET", `/api/directory/users?${params}`);
  return answer.items.map((u) => ({
    id: u.id,
    label: `${u.displayName || u.username}${u.department ? ` · ${u.department.name}` : ""}`,
  }));
}

/** Every department, to share with all its members (`GET /api/directory/departments`). */
export async function listDepartments(): Promise<Choice[]> {
  const answer = await api<{ items: { id: string; name: string }[] }>(
    "GET",
    "/api/directory/departments",
  );
  return answer.items.map((d) => ({ id: d.id, label: d.name }));
}
