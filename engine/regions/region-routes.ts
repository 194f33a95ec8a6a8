import type { Routes } from "../http/routes.ts";
import { regionTreeJson } from "../fields/region-tree.ts";

/**
 * GET /api/regions: the administrative divisions (province → city → county,
 * GB/T 2260 codes and names) for the region picker. The UI loads it only when
 * a region field is on screen, so the data never weighs on its first load.
 */
export function regionRoutes(routes: Routes) {
  routes.get("", "session", (c) =>
    c.body(regionTreeJson(), 200, {
      "Content-Type": "application/json; charset=utf-8",
      // The data changes only with an upgrade of the package that brings it.
      "Cache-Control": "private, max-age=86400",
    }),
  );
}
