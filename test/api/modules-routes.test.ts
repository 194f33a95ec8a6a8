import { Type } from "@sinclair/typebox";
import { verbatim } from "../../engine/i18n/text.ts";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { engineModules } from "../../engine/engine-modules.ts";
import type { EngineModule } from "../../engine/modules/engine-module.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { sameSession, testCompany, testEngine, type TestCompany } from "../support/test-engine.ts";
import type { TestClient } from "../support/test-client.ts";
import { openApiProblems } from "./openapi-checks.ts";

const memoBody = Type.Object(
  {
    text: Type.String({ minLength: 1, maxLength: 200, description: "What to remember." }),
    pinned: Type.Optional(Type.Boolean()),
  },
  { additionalProperties: false },
);
const memo = Type.Object({ id: Type.Integer(), text: Type.String(), pinned: Type.Boolean() });

/**
 * A module of the tests only: one table and two routes, declared once with
 * their schemas. Nothing else is written for it: no OpenAPI fragment, no
 * body checker.
 */
const memoModule: EngineModule = {
  key: "x_memo",
  label: verbatim("Memos"),
  description: verbatim("A table and two routes."),
  version: "1.0.0",
  dependsOn: ["core"],
  companyMigrations: [
    {
      name: "001-memos",
      up: (tx, { schema }) =>
        sql`create table ${sql.id(schema, "sys_x_memo")} (
          "id" integer generated always as identity primary key,
          "text" text not null, "pinned" boolean not null)`
          .execute(tx)
          .then(() => {}),
    },
  ],
  routes: [
    {
      prefix: "/api/x/memo",
      register(routes, deps) {
        routes.route(
          "POST",
          "/memos",
          {
            policy: "session",
            operationId: "createMemo",
            summary: "Remember something",
            tags: ["x_memo"],
            body: memoBody,
            responses: { 201: { description: "Remembered.", schema: memo } },
          },
          async (c, { body }) => {
            const row = await deps.database.db
              .insertInto(`${c.var.company.schema}.sys_x_memo`)
              .values({ text: body.text, pinned: body.pinned ?? false })
              .returning(["id", "text", "pinned"])
              .executeTakeFirstOrThrow();
            return c.json(row, 201);
          },
        );
        routes.route(
          "GET",
          "/memos",
          {
            policy: "session",
            operationId: "listMemos",
            summary: "What was remembered",
            tags: ["x_memo"],
            query: Type.Object({
              limit: Type.Optional(
                Type.Integer({ minimum: 1, maximum: 50, description: "At most this many." }),
              ),
            }),
            responses: {
              200: { description: "The memos, newest first.", schema: Type.Array(memo) },
            },
          },
          async (c, { query }) => {
            const rows = await deps.database.db
              .selectFrom(`${c.var.company.schema}.sys_x_memo`)
              .select(["id", "text", "pinned"])
              .orderBy("id", "desc")
              .limit(query.limit ?? 50)
              .execute();
            return c.json(rows);
          },
        );
      },
    },
  ],
};

describe("a module's routes, declared once with their schemas", () => {
  let company: TestCompany;
  let admin: TestClient;

  beforeAll(async () => {
    const engine = await testEngine({ modules: new ModuleSet([...engineModules, memoModule]) });
    company = await testCompany(engine, "memo");
    admin = company.admin;
  });

  it("takes a valid body and answers what the route says", async () => {
    const res = await admin.post("/api/x/memo/memos", { text: "回访杭州客户", pinned: true });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ text: "回访杭州客户", pinned: true });
    const list = await admin.get("/api/x/memo/memos?limit=5");
    expect(list.body.map((m: { text: string }) => m.text)).toContain("回访杭州客户");
  });

  it("refuses a body or query its schemas refuse, field by field, in the user's language", async () => {
    const bad = await admin.post("/api/x/memo/memos", { pinned: "yes", colour: "red" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe("invalid");
    const fields = Object.fromEntries(
      bad.body.error.details.fields.map((f: { field: string; rule: string }) => [f.field, f.rule]),
    );
    expect(fields).toEqual({ text: "required", pinned: "type", colour: "unknown" });
    admin.language = "zh-CN";
    const zh = await admin.post("/api/x/memo/memos", { text: "" });
    expect(zh.body.error.details.fields).toEqual([
      { field: "text", rule: "minLength", message: "不应少于 1 个字符" },
    ]);
    admin.language = "en";
    const limit = await admin.get("/api/x/memo/memos?limit=0");
    expect(limit.status).toBe(400);
    expect(limit.body.error.details.fields).toEqual([
      { field: "limit", rule: "minimum", message: "must be >= 1" },
    ]);
    expect((await admin.get("/api/x/memo/memos?limit=abc")).status).toBe(400);
  });

  it("is in the company's OpenAPI document with its schemas, and the document stays valid", async () => {
    const doc = (await admin.get("/api/openapi.json")).body;
    const post = doc.paths["/api/x/memo/memos"].post;
    expect(post.operationId).toBe("createMemo");
    expect(post.requestBody.content["application/json"].schema).toEqual({
      type: "object",
      additionalProperties: false,
      required: ["text"],
      properties: {
        text: { type: "string", minLength: 1, maxLength: 200, description: "What to remember." },
        pinned: { type: "boolean" },
      },
    });
    expect(Object.keys(post.responses).sort()).toEqual(["201", "400", "401", "413", "415"]);
    const get = doc.paths["/api/x/memo/memos"].get;
    expect(get.parameters).toEqual([
      {
        name: "limit",
        in: "query",
        required: false,
        description: "At most this many.",
        schema: { type: "integer", minimum: 1, maximum: 50 },
      },
    ]);
    expect(await openApiProblems(doc)).toEqual([]);
  });

  it("is not there for an engine without the module", async () => {
    const plain = await testEngine();
    const res = await sameSession(plain, admin).post("/api/x/memo/memos", { text: "x" });
    expect(res.status).toBe(404);
  });
});
