import type { Context } from "hono";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { Routes } from "../http/routes.ts";
import { readJsonObject } from "../http/read-json.ts";
import { planList } from "../query/plan-list.ts";
import type { RecordDeps } from "./record-deps.ts";
import { RecordService } from "./record-service.ts";
import type { RecordTrail } from "./record-trail.ts";
import { id, parseIfMatch } from "./record-route-params.ts";
import { tr } from "../i18n/text.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";

/**
 * Routes a module adds under an entity's records (history, batch actions,
 * export, sharing), given the request's record service.
 */
export type RecordRoutesExtension = (
  routes: Routes,
  service: (c: Context<AppEnv>) => RecordService,
  deps: ModuleDeps,
) => void;

/** What the records API needs: the service's deps and the trail of a request. */
export interface RecordRouteDeps extends RecordDeps {
  trail: (c: Context<AppEnv>) => RecordTrail;
}

declare module "../modules/engine-module.ts" {
  interface EngineModule {
    /**
     * Its routes under `/api/data/:entity/`, mounted after the records' own
     * routes, for entities the user may reach, and before the catch-all 404.
     */
    readonly recordRoutes?: RecordRoutesExtension;
  }
  interface ModuleDeps {
    /** The record service's deps, with the modules' hooks on records (numbering, shares, the trail). */
    readonly records: RecordRouteDeps;
  }
}

/**
 * The generic records API of design brief §8, for every entity of the
 * session's company, with the routes modules add under it.
 */
export function recordRoutes(routes: Routes, deps: ModuleDeps) {
  const service = (c: Context<AppEnv>) => {
    const entity = c.req.param("entity")!;
    c.var.company.policy.visibleEntity(c.var.company, entity);
    return new RecordService(
      deps.records,
      c.var.company,
      entity,
      c.var.actor,
      deps.records.trail(c),
    );
  };

  routes.get("/:entity", "session", async (c) => {
    const s = service(c);
    const { filter, sort, q, limit, offset, after, total } = c.req.query();
    const query = { filter, sort, q, limit, offset, after, total };
    const plan = planList(c.var.company, s.definition, query);
    return c.json(await s.list(plan));
  });
  routes.post("/:entity", "session", async (c) => {
    const s = service(c);
    const record = await s.create(await readJsonObject(c));
    return c.json(record, 201, { ETag: `"${String(record.version)}"` });
  });
  routes.get(`/:entity/:id${id}`, "session", async (c) => {
    const record = await service(c).get(c.req.param("id")!);
    return c.json(record, 200, { ETag: `"${String(record.version)}"` });
  });
  routes.patch(`/:entity/:id${id}`, "session", async (c) => {
    const s = service(c);
    const version = parseIfMatch(c.req.header("if-match"));
    if (version === undefined) {
      throw new ApiError(
        428,
        "precondition_required",
        tr('send the version you read as If-Match: "<version>"'),
      );
    }
    const record = await s.patch(c.req.param("id")!, await readJsonObject(c), version);
    return c.json(record, 200, { ETag: `"${String(record.version)}"` });
  });
  routes.delete(`/:entity/:id${id}`, "session", async (c) => {
    await service(c).delete(c.req.param("id")!, parseIfMatch(c.req.header("if-match")));
    return c.body(null, 204);
  });
  const reachable = routes.checkedBy((c) => void service(c));
  for (const module of deps.modules.ordered)
    module.recordRoutes?.(reachable.forModule(module.key, ""), service, deps);
  routes.add(["GET", "POST", "PUT", "PATCH", "DELETE"], "/:entity/:rest{.+}", "session", (c) => {
    throw ApiError.notFound(
      tr("no route {method} {path}", { method: c.req.method, path: c.req.path.slice(0, 200) }),
    );
  });
}
