import { Hono } from "hono";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { entityView, metaView, metaVersion } from "./meta-view.ts";
import { own } from "../metadata/own-key.ts";

/** The effective metadata of the session's company, as the UI and API clients read it. */
export function metaRoutes() {
  const app = new Hono<AppEnv>();
  app.get("/", (c) =>
    c.json(metaView(c.var.company), 200, { "X-Meta-Version": metaVersion(c.var.company) }),
  );
  app.get("/entities/:entity", (c) => {
    const def = own(c.var.company.meta.entities, c.req.param("entity"));
    if (!def) throw ApiError.notFound(`unknown entity "${c.req.param("entity")}"`);
    return c.json(entityView(def), 200, { "X-Meta-Version": metaVersion(c.var.company) });
  });
  return app;
}
