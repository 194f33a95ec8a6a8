import { Type } from "@sinclair/typebox";
import type { CoreDeps } from "../companies/core-deps.ts";
import type { Routes } from "../http/routes.ts";
import { moduleStates, switchModule } from "./switch-module.ts";
import { requestAuthor } from "./overlay-writer.ts";

const moduleState = Type.Object({
  key: Type.String(),
  label: Type.String({ description: "Its name, in your language." }),
  description: Type.String({ description: "What it brings, in your language." }),
  version: Type.String({ description: "The module's semantic version." }),
  dependsOn: Type.Array(Type.String()),
  switchable: Type.Boolean({ description: "Whether a company may switch it off." }),
  on: Type.Boolean({ description: "Whether it is on for your company." }),
  menus: Type.Array(Type.String(), { description: "The menus (metadata modules) it brings." }),
});

/**
 * `GET /api/admin/modules` and `PATCH /api/admin/modules/:key {on}`: the
 * engine's modules and whether each is on for the admin's company (P6, Y2).
 */
export function moduleRoutes(routes: Routes, deps: CoreDeps) {
  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "listModules",
      summary: "The modules of the engine, and which are on for your company",
      tags: ["admin"],
      responses: {
        200: {
          description: "Every module, in dependency order.",
          schema: Type.Object({ items: Type.Array(moduleState) }),
        },
      },
    },
    (c) => c.json({ items: moduleStates(c.var.company, deps.modules) }),
  );
  routes.route(
    "PATCH",
    "/:key",
    {
      policy: "admin",
      operationId: "switchModule",
      summary: "Switch a module on or off for your company",
      description:
        "Off, its menus, entities and routes leave your company (404, as if absent) and its data stays; on again, they are back. A metadata version: audited, undone by rollback.",
      tags: ["admin"],
      params: Type.Object({
        key: Type.String({ maxLength: 40, description: "The module's key." }),
      }),
      body: Type.Object({ on: Type.Boolean() }, { additionalProperties: false }),
      responses: {
        200: {
          description: "The module as your company now has it.",
          schema: Type.Object({ module: moduleState, metaVersion: Type.String() }),
        },
      },
      errors: [404, 409],
    },
    async (c, { params, body }) => {
      const meta = await switchModule(deps, requestAuthor(c, deps.trustProxy), params.key, body.on);
      const company = await deps.companies.get((await deps.companies.find(c.var.company.slug))!);
      const module = moduleStates(company, deps.modules).find((m) => m.key === params.key)!;
      return c.json({ module, metaVersion: meta.hash.slice(0, 16) });
    },
  );
}
