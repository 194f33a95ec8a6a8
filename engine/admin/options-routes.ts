import { Type } from "@sinclair/typebox";
import type { CoreDeps } from "../companies/core-deps.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import type { Routes } from "../http/routes.ts";
import { companyOptionsChange, companyOptionsSchema } from "../metadata/company-options-schema.ts";
import { writeOverlay } from "./overlay-writer.ts";

const tags = ["admin"];

/**
 * `GET|PATCH /api/admin/options` (Y2): the company's switches, such as inline
 * editing in lists. A change is a new overlay version like any metadata
 * change: audited, live on everyone's next request, and undone by rollback.
 */
export function optionsRoutes(routes: Routes, deps: CoreDeps) {
  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "getOptions",
      summary: "The company's options",
      tags,
      responses: {
        200: {
          description: "Options not set have their defaults.",
          schema: Type.Object({ options: companyOptionsSchema }),
        },
      },
      errors: [503],
    },
    (c) => c.json({ options: c.var.company.meta.options }),
  );
  routes.route(
    "PATCH",
    "",
    {
      policy: "admin",
      operationId: "changeOptions",
      summary: "Change some of the company's options",
      description:
        "A metadata version: audited, live from the next request on, undone by rollback.",
      tags,
      body: companyOptionsChange,
      responses: {
        200: {
          description: "The options after the change.",
          schema: Type.Object({ options: companyOptionsSchema, metaVersion: metaVersionSchema }),
        },
      },
      errors: [409, 503],
    },
    async (c, { body: change }) => {
      const names = Object.keys(change).join(", ");
      const meta = await writeOverlay(deps, c, `change options: ${names}`, (overlay) => {
        overlay.options = { ...overlay.options, ...change };
        return overlay;
      });
      return c.json({ options: meta.options, metaVersion: meta.hash.slice(0, 16) });
    },
  );
}
