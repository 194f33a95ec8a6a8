import path from "node:path";
import { Type } from "@sinclair/typebox";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import type { AppEnv } from "../http/app-env.ts";
import { documentedFrom } from "../http/documented-from.ts";
import { handleError } from "../http/error-handler.ts";
import { namedSchema } from "../http/named-schema.ts";
import { withProblemText } from "../http/problem-text.ts";
import { Routes } from "../http/routes.ts";
import { tr } from "../i18n/text.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import type { Parameter } from "./openapi-types.ts";
import { routePaths } from "./route-paths.ts";

const entities = Object.values(
  loadBaseMetadata(path.resolve(import.meta.dirname, "../..")).entities,
);
const note = namedSchema("Note", Type.Object({ text: Type.String() }));

function app() {
  const hono = new Hono<AppEnv>();
  hono.onError(handleError);
  const routes = new Routes(hono, { public: [], session: [], admin: [] });
  routes.route(
    "POST",
    "/api/data/:entity/:id/note",
    {
      policy: "session",
      perEntity: true,
      operationId: "note",
      summary: "Note on {aLabel}",
      tags: [],
      params: Type.Object({
        id: withProblemText(Type.String({ pattern: "^[0-9]+$" }), () => tr("must be a record id")),
      }),
      headers: Type.Object({ "If-Match": Type.Optional(Type.String({ pattern: "^[0-9]+$" })) }),
      body: note,
      responses: {
        201: {
          description: "The {label}.",
          schema: documentedFrom(Type.Object({}), "entityRecord"),
        },
      },
    },
    (c, { headers }) => c.json({ ifMatch: headers["If-Match"] ?? null }, 201),
  );
  routes.route(
    "GET",
    "/api/kinds/:entity",
    {
      policy: "public",
      operationId: "getKind",
      summary: "A kind",
      tags: ["meta"],
      params: Type.Object({ entity: documentedFrom(Type.String(), "entityKey") }),
      responses: { 200: { description: "A CSV.", content: { "text/csv": Type.String() } } },
    },
    (c) => c.text("a,b"),
  );
  return { hono, declared: routes.declared };
}

describe("routePaths", () => {
  const { declared } = app();
  const { paths, schemas } = routePaths(declared, { entities });

  it("writes a route of each entity at every entity's path, in its words and with its record", () => {
    for (const def of entities) {
      const op = paths[`/api/data/${def.entity.key}/{id}/note`]!.post!;
      expect(op.tags).toEqual([def.entity.key]);
      expect(op.parameters!.map((p) => ("name" in p ? p.name : p.$ref))).toEqual([
        "id",
        "If-Match",
      ]);
      expect(JSON.stringify(op.responses["201"])).toContain(
        `"$ref":"#/components/schemas/${def.entity.key}"`,
      );
    }
    const customer = paths["/api/data/customer/{id}/note"]!.post!;
    expect(customer.operationId).toBe("noteCustomer");
    expect(customer.summary).toBe("Note on a Customer");
    expect(Object.keys(customer.responses)).toEqual(["201", "400", "401", "413", "415"]);
  });

  it("keeps a named schema once, and writes entity keys and media types from the declaration", () => {
    expect(schemas.Note).toMatchObject({ type: "object", required: ["text"] });
    expect(JSON.stringify(paths)).toContain('{"$ref":"#/components/schemas/Note"}');
    const kind = paths["/api/kinds/{entity}"]!.get!;
    expect(kind.security).toEqual([]);
    expect((kind.parameters![0] as Parameter).schema.enum).toEqual(
      entities.map((d) => d.entity.key),
    );
    expect(Object.keys((kind.responses["200"] as { content: object }).content)).toEqual([
      "text/csv",
    ]);
  });
});

describe("a route's request reader", () => {
  const { hono } = app();
  const post = (url: string, headers: Record<string, string> = {}) =>
    hono.request(url, {
      method: "POST",
      headers: { "content-type": "application/json", ...headers },
      body: JSON.stringify({ text: "hi" }),
    });

  it("words a failure with the schema's own text, and reads declared headers by name", async () => {
    const bad = await post("/api/data/customer/x1/note");
    expect(bad.status).toBe(400);
    expect(((await bad.json()) as { error: { details: unknown } }).error.details).toEqual({
      fields: [{ field: "id", rule: "pattern", message: "must be a record id" }],
    });
    const ok = await post("/api/data/customer/12/note", { "if-match": "3" });
    expect(ok.status).toBe(201);
    expect(await ok.json()).toEqual({ ifMatch: "3" });
    const wrong = await post("/api/data/customer/12/note", { "if-match": "x" });
    expect(
      ((await wrong.json()) as { error: { details: { fields: unknown[] } } }).error.details.fields,
    ).toEqual([expect.objectContaining({ field: "If-Match", rule: "pattern" })]);
  });
});
