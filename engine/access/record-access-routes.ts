import type { Context } from "hono";
import { ApiError } from "../http/api-error.ts";
import { uuidSchema } from "../fields/uuid-pattern.ts";
import { bodyChecker } from "../http/check-body.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readJsonObject } from "../http/read-json.ts";
import type { Routes } from "../http/routes.ts";
import { id, parseIfMatch } from "../records/record-route-params.ts";
import type { RecordDeps, RecordService } from "../records/record-service.ts";
import { RecordAccess } from "./record-access.ts";
import type { ShareTarget } from "./record-shares.ts";
import { tr } from "../i18n/text.ts";

const checkAssign = bodyChecker<{ owner: string; related?: boolean }>({
  type: "object",
  properties: { owner: uuidSchema, related: { type: "boolean" } },
  required: ["owner"],
  additionalProperties: false,
});

const checkShare = bodyChecker<ShareTarget>({
  type: "object",
  properties: {
    user: uuidSchema,
    department: uuidSchema,
    access: { enum: ["read", "edit"] },
    subDepartments: { type: "boolean" },
  },
  required: ["access"],
  additionalProperties: false,
});

/**
 * A share names one user or one department (ajv's strict mode keeps `oneOf`
 * out of the schema); only a department has sub-departments.
 */
export function oneTarget(body: ShareTarget): ShareTarget {
  if ((body.user === undefined) === (body.department === undefined)) {
    throw ApiError.invalidRequest([
      {
        field: "user",
        rule: "oneOf",
        message: tr("give either user or department, not both or neither"),
      },
    ]);
  }
  if (body.subDepartments && body.department === undefined) {
    throw ApiError.invalidRequest([
      {
        field: "subDepartments",
        rule: "department",
        message: tr("applies to a share with a department, not with a user"),
      },
    ]);
  }
  return body;
}

/**
 * Who a record belongs to and who else may see it (C5): reassigning the owner
 * (with the records that refer to it, unless `related: false`) and sharing
 * with users or departments. Both are record writes of the owner's and the
 * role scope's, not a sharee's: they need the update right and the record
 * within the user's scope, take an optional If-Match, bump the version and
 * are audited.
 */
export function recordAccessRoutes(
  routes: Routes,
  deps: RecordDeps & { trustProxy: number },
  service: (c: Context<AppEnv>) => RecordService,
) {
  const access = (c: Context<AppEnv>) => new RecordAccess(c, deps, service(c));
  const version = (c: Context<AppEnv>) => parseIfMatch(c.req.header("if-match"));

  routes.post(`/:entity/:id${id}/assign`, "session", async (c) => {
    const a = access(c);
    const { owner, related } = checkAssign(await readJsonObject(c));
    const record = await a.assign(c.req.param("id")!, owner, version(c), related ?? true);
    return c.json(record, 200, { ETag: `"${String(record.version)}"` });
  });
  routes.get(`/:entity/:id${id}/shares`, "session", async (c) =>
    c.json({ items: await access(c).shares(c.req.param("id")!) }),
  );
  routes.post(`/:entity/:id${id}/shares`, "session", async (c) => {
    const a = access(c);
    const body = oneTarget(checkShare(await readJsonObject(c)));
    return c.json(await a.share(c.req.param("id")!, body, version(c)), 201);
  });
  routes.delete(`/:entity/:id${id}/shares/:share${id}`, "session", async (c) => {
    await access(c).unshare(c.req.param("id")!, c.req.param("share")!, version(c));
    return c.body(null, 204);
  });
}
