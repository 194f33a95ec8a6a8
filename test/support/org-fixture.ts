import { v7 as uuidv7 } from "uuid";
import { expect } from "vitest";
import { hashPassword } from "../../engine/companies/password.ts";
import { TestClient, type TestResponse } from "./test-client.ts";
import type { TestCompany, TestEngine } from "./test-engine.ts";

export const memberPassword = "member-password-1";
let passwordHash: Promise<string> | undefined;

/** Every permission action, in the order the modules declare them: the core's, then export's. */
export const allActions = [
  "read",
  "create",
  "update",
  "delete",
  "import",
  "print",
  "batch",
  "batchDelete",
  "export",
] as const;

/** A deterministic PRNG (mulberry32), so that a failing sample can be replayed. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function expectStatus(res: TestResponse, status: number, what = ""): void {
  expect(res.status, `${what} ${res.text}`).toBe(status);
}

/**
 * A company's organisation built through the admin API, as an admin would:
 * departments, roles and users, each user with a logged-in client.
 */
export class OrgFixture {
  constructor(
    readonly engine: TestEngine,
    readonly company: TestCompany,
  ) {}

  get admin(): TestClient {
    return this.company.admin;
  }

  async department(name: string, parent: string | null = null): Promise<string> {
    const res = await this.admin.post("/api/admin/departments", { name, parent });
    expectStatus(res, 201, `department ${name}`);
    return res.body.id as string;
  }

  async moveDepartment(id: string, parent: string | null): Promise<void> {
    expectStatus(await this.admin.patch(`/api/admin/departments/${id}`, { parent }), 200);
  }

  async role(key: string, permissions: unknown): Promise<string> {
    const res = await this.admin.post("/api/admin/roles", {
      key,
      name: `Role ${key}`,
      permissions,
    });
    expectStatus(res, 201, `role ${key}`);
    return res.body.id as string;
  }

  async changeRole(id: string, permissions: unknown): Promise<void> {
    expectStatus(await this.admin.patch(`/api/admin/roles/${id}`, { permissions }), 200);
  }

  /**
   * Adds a user (not an admin) and returns their id and a client logged in as
   * them. The row goes straight into the database with a password hash made
   * once per run (hashing is the slow part of creating users); department and
   * roles are then given through the admin API, as an admin would.
   */
  async user(
    username: string,
    options: { department?: string | null; roles?: string[] } = {},
  ): Promise<{ id: string; client: TestClient }> {
    const id = uuidv7();
    passwordHash ??= hashPassword(memberPassword);
    await this.engine.deps.database.db
      .insertInto(`co_${this.company.slug}.sys_user`)
      .values({
        id,
        username,
        display_name: `User ${username}`,
        password_hash: await passwordHash,
        is_admin: false,
        department_id: null,
      })
      .execute();
    await this.setUser(id, { department: options.department ?? null, roles: options.roles ?? [] });
    const client = new TestClient(this.engine.app);
    await client.login(this.company.slug, username, memberPassword);
    return { id, client };
  }

  async setUser(
    id: string,
    change: { department?: string | null; roles?: string[]; isAdmin?: boolean },
  ) {
    expectStatus(await this.admin.patch(`/api/admin/users/${id}`, change), 200);
  }

  async adminId(): Promise<string> {
    return (await this.admin.get("/api/auth/me")).body.user.id as string;
  }
}

/** Every id of a user's list of an entity, paged with limit=200, and the total the list reported. */
export async function listAll(
  client: TestClient,
  entity: string,
  query = "",
): Promise<{ ids: string[]; total: number; items: Record<string, any>[] }> {
  const items: Record<string, any>[] = [];
  for (let offset = 0; ; offset += 200) {
    const res = await client.get(`/api/data/${entity}?limit=200&offset=${offset}${query}`);
    expectStatus(res, 200, `list ${entity}`);
    items.push(...(res.body.items as Record<string, any>[]));
    if (res.body.items.length < 200)
      return { ids: items.map((i) => i.id as string), total: res.body.total as number, items };
  }
}
