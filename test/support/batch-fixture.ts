import { expect } from "vitest";
import type { RolePermissions } from "../../engine/org/role-permissions.ts";
import { addStaffUser } from "./staff-user.ts";
import { TestClient } from "./test-client.ts";
import type { TestEngine } from "./test-engine.ts";

/* What the batch tests do to a company: staff with roles, departments, customers, shares, and batches read back as outcomes. */

const password = "staff-password-1";

/** A customer role: the given actions, scoped as given. */
export const customerRole = (
  actions: NonNullable<NonNullable<RolePermissions["entities"]>[string]["actions"]>,
  scope: "own" | "department" | "departmentTree" | "all" = "own",
): RolePermissions => ({
  modules: ["crm"],
  entities: { customer: { actions, scope }, activity: { actions: ["read"], scope: "all" } },
});

export async function customer(client: TestClient, name: string): Promise<string> {
  const res = await client.post("/api/data/customer", { name });
  expect(res.status, res.text).toBe(201);
  return res.body.id as string;
}

/** An activity that refers to the customer: `onDelete: restrict`, so the customer cannot go. */
export const batch = (client: TestClient, body: unknown) =>
  client.post("/api/data/customer/batch", body);

/** The per-record outcome a user reads: done, or refused with a status and code. */
export const outcomes = (body: {
  results: { id: string; status: string; error?: { code: string; status: number } }[];
}) =>
  body.results.map((r) =>
    r.status === "done" ? [r.id, "done"] : [r.id, r.error?.status, r.error?.code],
  );

/** A change of city with the version the client just read, as the UI sends it. */
export async function changeCity(client: TestClient, id: string, city: string) {
  const read = await client.get(`/api/data/customer/${id}`);
  return client.patch(
    `/api/data/customer/${id}`,
    { city },
    { "if-match": `"${read.body.version}"` },
  );
}

export const status = async (client: TestClient, id: string) =>
  (await client.get(`/api/data/customer/${id}`)).status;

export async function listIds(client: TestClient): Promise<string[]> {
  const res = await client.get("/api/data/customer?limit=200");
  expect(res.status, res.text).toBe(200);
  return (res.body.items as { id: string }[]).map((r) => r.id);
}

/** Helpers bound to the company a test file opened (given late: it opens in beforeAll). */
export function batchHelpers(at: () => { engine: TestEngine; slug: string; admin: TestClient }) {
  async function staff(
    username: string,
    permissions: RolePermissions,
    departmentId: string | null = null,
  ): Promise<{ id: string; client: TestClient }> {
    const id = await addStaffUser(at().engine, at().slug, username, password, {
      permissions,
      departmentId,
    });
    const client = new TestClient(at().engine.app);
    await client.login(at().slug, username, password);
    return { id, client };
  }

  async function department(name: string): Promise<string> {
    const res = await at().admin.post("/api/admin/departments", { name });
    expect(res.status, res.text).toBe(201);
    return res.body.id as string;
  }

  async function share(id: string, body: Record<string, unknown>) {
    const res = await at().admin.post(`/api/data/customer/${id}/shares`, body);
    expect(res.status, res.text).toBe(201);
  }

  async function referTo(customerId: string) {
    const res = await at().admin.post("/api/data/activity", {
      subject: "Call about the contract",
      customer: customerId,
      startAt: "2026-11-27T03:00:00.000Z",
    });
    expect(res.status, res.text).toBe(201);
  }

  return { staff, department, share, referTo };
}
