import { Type } from "@sinclair/typebox";
import type { Routes } from "../http/routes.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { OpenApiCache } from "./openapi-cache.ts";

/**
 * `GET /api/openapi.json`, behind the session: the document of the session's
 * company, built once per metadata version.
 *
 * @example
 * openApiRoutes(routes.under("/api/openapi.json"), deps);
 */
export function openApiRoutes(routes: Routes, deps: ModuleDeps) {
  // Every route of the app, those declared after this one too: the list is shared and read per document.
  const cache = new OpenApiCache({
    secureCookies: deps.secureCookies,
    routes: routes.declared,
    actions: deps.modules.actionKeys,
  });
  routes.route(
    "GET",
    "",
    {
      policy: "session",
      operationId: "getOpenApi",
      summary: "This document, generated from the company's effective metadata",
      description:
        "It changes with the metadata version (`info.version`, X-Meta-Version): a field an admin adds appears here, a hidden field disappears.",
      tags: ["meta"],
      responses: {
        200: {
          description: "An OpenAPI 3.1 document.",
          schema: Type.Object({
            openapi: Type.String(),
            info: Type.Object({}),
            paths: Type.Object({}),
          }),
        },
      },
      errors: [503],
    },
    (c) =>
      c.body(cache.get(c.var.company).json, 200, {
        "Content-Type": "application/json; charset=UTF-8",
      }),
  );
}
