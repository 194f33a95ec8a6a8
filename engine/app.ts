import { Hono } from "hono";
import { bodyLimit } from "hono/body-limit";
import { adminRoutes } from "./admin/admin-routes.ts";
import { authRoutes } from "./auth/auth-routes.ts";
import { requireAdmin, requireSession } from "./auth/require-session.ts";
import type { EngineDeps } from "./engine-deps.ts";
import { ApiError } from "./http/api-error.ts";
import type { AppEnv } from "./http/app-env.ts";
import { handleError } from "./http/error-handler.ts";
import { metaRoutes } from "./meta/meta-routes.ts";
import { serveOpenApi } from "./openapi/openapi-routes.ts";
import { recordRoutes } from "./records/record-routes.ts";

const maxBodyBytes = 1024 * 1024;
const bodyMethods = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/**
 * The HTTP app, with no side effects: `main.ts` serves it, tests call
 * `app.request()`. Every /api route needs a session except health and login.
 */
export function createApp(deps: EngineDeps) {
  const app = new Hono<AppEnv>();
  app.onError(handleError);
  app.notFound((c) =>
    c.json(
      {
        error: {
          code: "not_found",
          message: `no route ${c.req.method} ${c.req.path}`,
          details: null,
        },
      },
      404,
    ),
  );
  const limitBody = bodyLimit({
    maxSize: maxBodyBytes,
    onError: () => {
      throw new ApiError(413, "too_large", `the body is larger than ${maxBodyBytes} bytes`);
    },
  });
  // Only requests that carry a body: looking for one makes the node adapter build a
  // full Request, which on a GET costs more than the rest of the request.
  app.use("/api/*", (c, next) => (bodyMethods.has(c.req.method) ? limitBody(c, next) : next()));

  // Until the UI is served here, the root tells a visitor where the API is.
  app.get("/", (c) =>
    c.json({
      product: "metacrm",
      api: "/api",
      health: "/api/health",
      login: "POST /api/auth/login {company, username, password}",
    }),
  );
  app.get("/api/health", async (c) => {
    await deps.database.db.selectFrom("platform.company").select("slug").limit(1).execute();
    return c.json({ status: "ok", database: deps.database.kind });
  });
  app.route("/api/auth", authRoutes(deps));

  const session = requireSession(deps);
  app.use("/api/meta/*", session);
  app.use("/api/meta", session);
  app.use("/api/data/*", session);
  app.use("/api/admin/*", session, requireAdmin);
  app.route("/api/meta", metaRoutes());
  app.get("/api/openapi.json", session, serveOpenApi(deps));
  app.route("/api/data", recordRoutes({ db: deps.database.db, now: deps.now, newId: deps.newId }));
  app.route("/api/admin", adminRoutes(deps));
  return app;
}
