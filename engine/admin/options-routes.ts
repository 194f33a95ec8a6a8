import type { CoreDeps } from "../companies/core-deps.ts";
import { bodyChecker } from "../http/check-body.ts";
import { readJsonObject } from "../http/read-json.ts";
import type { Routes } from "../http/routes.ts";
import type { CompanyOptions } from "../../metadata/types.gen.ts";
import { writeOverlay } from "./overlay-writer.ts";

const checkOptions = bodyChecker<CompanyOptions>({
  type: "object",
  additionalProperties: false,
  minProperties: 1,
  properties: { inlineEdit: { type: "boolean" } },
});

/**
 * `GET|PATCH /api/admin/options` (Y2): the company's switches, such as inline
 * editing in lists. A change is a new overlay version like any metadata
 * change: audited, live on everyone's next request, and undone by rollback.
 */
export function optionsRoutes(routes: Routes, deps: CoreDeps) {
  routes.get("", "admin", (c) => c.json({ options: c.var.company.meta.options }));
  routes.patch("", "admin", async (c) => {
    const change = checkOptions(await readJsonObject(c));
    const names = Object.keys(change).join(", ");
    const meta = await writeOverlay(deps, c, `change options: ${names}`, (overlay) => {
      overlay.options = { ...overlay.options, ...change };
      return overlay;
    });
    return c.json({ options: meta.options, metaVersion: meta.hash.slice(0, 16) });
  });
}
