import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { baseWithoutCustomerFax } from "../support/metadata-copy.ts";
import {
  sameSession,
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

describe("last good metadata", () => {
  let first: TestEngine;
  let shrunk: TestEngine;
  let patched: TestCompany;
  let plain: TestCompany;
  let patchedVersion: string;
  let plainVersion: string;
  let head: number;
  let id: string;

  beforeAll(async () => {
    first = await testEngine();
    patched = await testCompany(first, "lgp");
    plain = await testCompany(first, "lgn");
    const patch = await patched.admin.patch("/api/admin/entities/customer/fields/fax", {
      hidden: false,
      labels: { en: "Fax no." },
    });
    expect(patch.status).toBe(200);
    const created = await patched.admin.post("/api/data/customer", {
      name: "嘉兴南湖机电有限公司",
      fax: "0573-8888 1235",
    });
    expect(created.status).toBe(201);
    id = created.body.id;
    patchedVersion = (await patched.admin.get("/api/meta")).body.version;
    plainVersion = (await plain.admin.get("/api/meta")).body.version;
    head = (await patched.admin.get("/api/admin/metadata")).body.head;
    shrunk = await testEngine({ base: baseWithoutCustomerFax() });
  });

  it("keeps serving a company's last good metadata when the base breaks its overlay", async () => {
    const client = sameSession(shrunk, patched.admin);
    const meta = await client.get("/api/meta");
    expect(meta.status).toBe(200);
    expect(meta.body.version).toBe(patchedVersion);
    expect(meta.headers.get("x-meta-version")).toBe(patchedVersion);
    expect(meta.body.entities.customer.fields.fax).toEqual({ type: "phone", hidden: false });
    expect(meta.body.entities.customer.labels.en.fields.fax).toBe("Fax no.");

    const read = await client.get(`/api/data/customer/${id}`);
    expect(read.status).toBe(200);
    expect(read.body.fax).toBe("0573-8888 1235");
    const list = await client.get("/api/data/customer");
    expect(list.status).toBe(200);
    expect(list.body.items.map((r: { id: string }) => r.id)).toContain(id);
    const created = await client.post("/api/data/customer", {
      name: "Still Works Co",
      fax: "0573-1234567",
    });
    expect(created.status).toBe(201);
    expect(created.body.fax).toBe("0573-1234567");
  });

  it("shows the admin why, naming the overlay version and the field", async () => {
    const admin = await sameSession(shrunk, patched.admin).get("/api/admin/metadata");
    expect(admin.status).toBe(200);
    expect(admin.body.head).toBe(head);
    expect(admin.body.metaVersion).toBe(patchedVersion);
    expect(admin.body.error).toEqual(expect.any(String));
    expect(admin.body.error).toContain(`overlay version ${head}`);
    expect(admin.body.error).toContain("fax");
    const state = await sql<{ error: string | null }>`
      select error from ${sql.id(`co_${patched.slug}`, "sys_meta_state")}`.execute(
      shrunk.deps.database.db,
    );
    expect(state.rows[0]!.error).toContain("fax");
  });

  it("gives a company without an overlay the new base on the same engine", async () => {
    const client = sameSession(shrunk, plain.admin);
    const meta = await client.get("/api/meta");
    expect(meta.status).toBe(200);
    expect(meta.body.version).not.toBe(plainVersion);
    expect(meta.body.entities.customer.fields).not.toHaveProperty("fax");
    expect(meta.body.entities.customer.labels.en.fields).not.toHaveProperty("fax");
    expect((await client.get("/api/admin/metadata")).body.error).toBeNull();
  });

  it("refuses further changes that still break, and recovers by rolling back", async () => {
    const client = sameSession(shrunk, patched.admin);
    const relabel = await client.patch("/api/admin/entities/customer/labels", {
      en: { fields: { name: "Firm" } },
    });
    expect(relabel.status).toBe(400);
    expect(relabel.body.error.message).toContain("fax");
    expect((await client.get("/api/meta")).body.version).toBe(patchedVersion);

    const rollback = await client.post("/api/admin/metadata/rollback", { version: 0 });
    expect(rollback.status).toBe(200);
    expect(rollback.body.head).toBe(head + 1);
    const meta = await client.get("/api/meta");
    expect(meta.body.version).toBe(rollback.body.metaVersion);
    expect(meta.body.entities.customer.fields).not.toHaveProperty("fax");
    const admin = (await client.get("/api/admin/metadata")).body;
    expect(admin.error).toBeNull();
    expect(admin.head).toBe(head + 1);
    // The column and its data stayed.
    const row = await sql<{ fax: string }>`
      select fax from ${sql.id(`co_${patched.slug}`, "customer")} where id = ${id}`.execute(
      shrunk.deps.database.db,
    );
    expect(row.rows[0]!.fax).toBe("0573-8888 1235");
  });
});
