import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { TestClient, TestResponse } from "../support/test-client.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/**
 * Input PostgreSQL cannot store or that would make the engine recurse until it
 * fails: each is a 400 (or 404/409) that names what is wrong, never a 500,
 * and nothing of it is stored.
 */

const nul = "a\u0000b";
const q = (value: string) => encodeURIComponent(value);
/** A JSON value nested `levels` deep, as text: building it as an object would itself overflow. */
const nested = (levels: number) => `${"[".repeat(levels)}1${"]".repeat(levels)}`;

function expectProblem(res: TestResponse, field: string, rule: string) {
  expect(res.status, res.text).toBe(400);
  expect(res.body.error.code).toBe("invalid");
  expect(res.body.error.details.fields[0]).toMatchObject({ field, rule });
}

let engine: TestEngine;
let a: TestCompany;
let admin: TestClient;

beforeAll(async () => {
  engine = await testEngine();
  a = await testCompany(engine, "bad");
  admin = a.admin;
});

describe("U+0000 in any string of a body or a query", () => {
  it("is refused in admin user, department and role fields, naming the field", async () => {
    const users = (await admin.get("/api/admin/users")).body.items.length as number;
    expectProblem(
      await admin.post("/api/admin/users", {
        username: "nul",
        password: "member-password-1",
        displayName: nul,
      }),
      "displayName",
      "nul",
    );
    expectProblem(
      await admin.post("/api/admin/users", { username: nul, password: "member-password-1" }),
      "username",
      "nul",
    );
    expect((await admin.get("/api/admin/users")).body.items).toHaveLength(users);
    expectProblem(await admin.post("/api/admin/departments", { name: nul }), "name", "nul");
    expectProblem(
      await admin.post("/api/admin/roles", { key: "nul_role", name: nul, permissions: {} }),
      "name",
      "nul",
    );
    expect((await admin.get("/api/admin/departments")).body.items).toEqual([]);
  });

  it("is refused in labels and in a new field's labels, with the path to it", async () => {
    const before = (await admin.get("/api/admin/metadata")).body.head as number;
    const labels = await admin.patch("/api/admin/entities/customer/labels", {
      en: { fields: { name: nul } },
    });
    expectProblem(labels, "en", "nul");
    expect(labels.body.error.message).toContain("/en/fields/name");
    expectProblem(
      await admin.post("/api/admin/entities/customer/fields", {
        key: "x_nul",
        type: "text",
        labels: { en: nul },
      }),
      "labels",
      "nul",
    );
    expect((await admin.get("/api/admin/metadata")).body.head).toBe(before);
  });

  it("is refused in a preference value and in a key inside it", async () => {
    expectProblem(await admin.send("PUT", "/api/prefs/theme", { value: nul }), "value", "nul");
    expectProblem(
      await admin.send("PUT", "/api/prefs/theme", { value: { [nul]: true } }),
      "value",
      "nul",
    );
    expect((await admin.get("/api/prefs/theme")).body.value).toBeNull();
  });

  it("is refused in the directory's q and the audit trail's actor and target", async () => {
    expectProblem(await admin.get(`/api/directory/users?q=${q(nul)}`), "q", "nul");
    expectProblem(await admin.get(`/api/admin/audit?actor=${q(nul)}`), "actor", "nul");
    expectProblem(await admin.get(`/api/admin/audit?target=${q(nul)}`), "target", "nul");
    // The export used to answer 200 and then cut the download off.
    const exported = await admin.get(`/api/admin/audit/export?actor=${q(nul)}`);
    expectProblem(exported, "actor", "nul");
    expect(exported.headers.get("content-type")).toMatch(/^application\/json/);
  });

  it("is refused in a record's fields, in a list's parameters and in a path", async () => {
    expectProblem(await admin.post("/api/data/customer", { name: nul }), "name", "nul");
    expectProblem(await admin.get(`/api/data/customer?sort=${q(`name${nul}`)}`), "sort", "nul");
    expectProblem(await admin.get(`/api/data/customer/export?columns=${q(nul)}`), "columns", "nul");
    expectProblem(await admin.get(`/api/data/customer/${q(nul)}`), "path", "nul");
    expect((await admin.get("/api/data/customer")).body.total).toBe(0);
  });
});

describe("values nested beyond 32 levels", () => {
  it("a record body nested 20,000 deep is a 400 naming the field", async () => {
    const res = await admin.post(
      "/api/data/customer",
      `{"name":"Deep Ltd","remark":${nested(20_000)}}`,
    );
    expectProblem(res, "remark", "depth");
    expect(res.body.error.message).toContain("32 levels");
  });

  it("a preference nested 5,000 deep is a 400; 32 levels are accepted", async () => {
    expectProblem(
      await admin.send("PUT", "/api/prefs/deep", `{"value":${nested(5000)}}`),
      "value",
      "depth",
    );
    const ok = await admin.send("PUT", "/api/prefs/deep", `{"value":${nested(31)}}`);
    expect(ok.status, ok.text).toBe(200);
  });

  it("a megabyte of brackets is refused as fast as a small body", async () => {
    const started = Date.now();
    const res = await admin.post("/api/data/customer", `{"name":${nested(400_000)}}`);
    expectProblem(res, "name", "depth");
    expect(Date.now() - started).toBeLessThan(5000);
  });
});

describe("numbers beyond what a column holds", () => {
  it("rollback to version 2^53 or 2^31 is a 400 naming version", async () => {
    for (const version of [2 ** 53, 2 ** 31, -1]) {
      const res = await admin.post("/api/admin/metadata/rollback", { version });
      expectProblem(res, "version", "type");
    }
  });

  it("reading overlay version 99999999999 is a 404 like any missing version", async () => {
    const res = await admin.get("/api/admin/metadata/versions/99999999999");
    expect(res.status, res.text).toBe(404);
  });
});

describe("PostgreSQL's table and row limits", () => {
  it("a custom field beyond 1,600 columns is a 409 that says how many remain", async () => {
    const company = await testCompany(engine, "cols");
    const db = engine.deps.database.db;
    const schema = schemaOf(company.slug);
    const table = sql.id(schema, "customer");
    const count = async () =>
      (
        await sql<{ n: number }>`select count(*)::int as n from pg_catalog.pg_attribute
          where attrelid = ${`${schema}.customer`}::regclass and attnum > 0`.execute(db)
      ).rows[0]!.n;
    // Columns of fields deleted long ago: dropped, yet PostgreSQL still counts them.
    const filler = 1600 - (await count()) - 1;
    const names = Array.from({ length: filler }, (_, i) => `gone_${i}`);
    await sql`alter table ${table} ${sql.join(names.map((n) => sql`add column ${sql.id(n)} integer`))}`.execute(
      db,
    );
    await sql`alter table ${table} ${sql.join(names.map((n) => sql`drop column ${sql.id(n)}`))}`.execute(
      db,
    );
    expect(await count()).toBe(1599);

    const last = await company.admin.post("/api/admin/entities/customer/fields", {
      key: "x_last",
      type: "text",
    });
    expect(last.status, last.text).toBe(201);
    const refused = await company.admin.post("/api/admin/entities/customer/fields", {
      key: "x_more",
      type: "text",
    });
    expect(refused.status, refused.text).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "too_many_columns",
      details: { used: 1600, dropped: filler, left: 0, max: 1600 },
    });
    expect(refused.body.error.message).toContain("0 columns remain");
    const fields = (await company.admin.get("/api/meta/entities/customer")).body.fields;
    expect(Object.keys(fields)).toContain("x_last");
    expect(Object.keys(fields)).not.toContain("x_more");
  });

  it("a record whose filled fields overflow a row is a 400 that says so; nothing is stored", async () => {
    const company = await testCompany(engine, "wide");
    const db = engine.deps.database.db;
    const schema = schemaOf(company.slug);
    // 460 custom text fields, as an admin might pile them up (written as one overlay version).
    const keys = Array.from({ length: 460 }, (_, i) => `x_f${i}`);
    const overlay = {
      entities: {
        customer: { fields: Object.fromEntries(keys.map((k) => [k, { type: "text" }])) },
      },
    };
    await db
      .insertInto(`${schema}.sys_meta_version`)
      .values({ version: 1, overlay: JSON.stringify(overlay), note: "many fields" })
      .execute();
    await db.updateTable(`${schema}.sys_meta_state`).set({ head: 1 }).where("id", "=", 1).execute();

    // Long texts go out of line (TOAST): one field of 100,000 characters is no problem.
    const long = await company.admin.post("/api/data/customer", {
      name: "Long Ltd",
      x_f0: "长".repeat(255),
      remark: "备注".repeat(40_000),
    });
    expect(long.status, long.text).toBe(201);
    // But each filled field keeps at least an 18-byte pointer in the row: 460 of them overflow it.
    const full = Object.fromEntries(keys.map((k, i) => [k, `value number ${i} of a wide record`]));
    const res = await company.admin.post("/api/data/customer", { name: "Wide Ltd", ...full });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error.code).toBe("record_too_large");
    expect(res.body.error.message).toMatch(/at most 8,160/);
    expect(res.body.error.details.max).toBe(8160);
    expect((await company.admin.get("/api/data/customer")).body.total).toBe(1);
  });

  it("a value too long for its unique index is a 400 naming the index", async () => {
    const company = await testCompany(engine, "uniq");
    const field = await company.admin.post("/api/admin/entities/customer/fields", {
      key: "x_tag",
      type: "text",
      unique: true,
      maxLength: 5000,
    });
    expect(field.status, field.text).toBe(201);
    // Characters chosen so that compression cannot shrink the index entry.
    const text = Array.from({ length: 2000 }, (_, i) =>
      String.fromCodePoint(0x4e00 + ((i * 7919) % 20000)),
    ).join("");
    const res = await company.admin.post("/api/data/customer", { name: "Tag Ltd", x_tag: text });
    expect(res.status, res.text).toBe(400);
    expect(res.body.error).toMatchObject({
      code: "value_too_long",
      details: { index: "customer_x_tag_key" },
    });
  });
});
