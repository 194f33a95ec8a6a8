import { visibleEntity } from "../access/visible-entity.ts";
import type { Routes } from "../http/routes.ts";
import { entityView, metaView, metaVersion } from "./meta-view.ts";
import { serveFieldTypes, serveValidators } from "./validator-routes.ts";

/** The effective metadata of the session's company, as the UI and API clients read it. */
export function metaRoutes(routes: Routes) {
  routes.get("", "session", (c) =>
    c.json(metaView(c.var.company), 200, { "X-Meta-Version": metaVersion(c.var.company) }),
  );
  routes.get("/validators.js", "session", serveValidators);
  routes.get("/field-types", "session", serveFieldTypes);
  routes.get("/entities/:entity", "session", (c) => {
    const def = visibleEntity(c.var.company, c.req.param("entity")!);
    return c.json(entityView(def, c.var.company.access), 200, {
      "X-Meta-Version": metaVersion(c.var.company),
    });
  });
}
