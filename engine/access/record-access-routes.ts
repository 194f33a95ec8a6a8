import type { Context } from "hono";
import { ApiError } from "../http/api-error.ts";
import { audit } from "../audit/audit-log.ts";
import { uuidSchema } from "../fields/uuid-pattern.ts";
import { bodyChecker } from "../http/check-body.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readJsonObject } from "../http/read-json.ts";
import type { Routes } from "../http/routes.ts";
import { id, parseIfMatch } from "../records/record-route-params.ts";
import type { RecordDeps, RecordService } from "../records/record-service.ts";
import { RecordShares, type ShareTarget } from "./record-shares.ts";

const checkAssign = bodyChecker<{ owner: string }>({
  type: "object",
  properties: { owner: uuidSchema },
  required: ["owner"],
  additionalProperties: false,
});

const checkShare = bodyChecker<ShareTarget>({
  type: "object",
  properties: {
    user: uuidSchema,
    department: uuidSchema,
    access: { enum: ["read", "edit"] },
  },
  required: ["access"],
  additionalProperties: false,
});

/** A share names one user or one department: ajv's strict mode keeps `oneOf` out of the schema. */
function oneTarget(body: ShareTarget): ShareTarget {
  if ((body.user === undefined) === (body.department === undefined)) {
    throw ApiError.invalidRequest([
      {
        field: "user",
        rule: "oneOf",
        message: "give either user or department, not both or neither",
      },
    ]);
  }
  return body;
}

/**
 * Who a record belongs to and who else may see it (C5): reassigning the owner
 * and sharing with users or departments. Both are record writes: they need
 * the right to change the record, take an optional If-Match, bump the
 * version and are audited.
 */
export function recordAccessRoutes(
  routes: Routes,
  deps: RecordDeps & { trustProxy: boolean },
  service: (c: Context<AppEnv>) => RecordService,
) {
  const shares = (c: Context<AppEnv>) =>
    new RecordShares(
      deps.db,
      c.var.company,
      c.req.param("entity")!,
      service(c),
      deps.newId,
      deps.now,
    );
  const auditAs = (c: Context<AppEnv>) => ({
    id: c.var.session.user.id,
    username: c.var.session.user.username,
  });
  const target = (c: Context<AppEnv>) => `${c.req.param("entity")!}/${c.req.param("id")!}`;

  routes.post(`/:entity/:id${id}/assign`, "session", async (c) => {
    const s = service(c);
    const { owner } = checkAssign(await readJsonObject(c));
    const record = await s.reassign(
      c.req.param("id")!,
      owner,
      parseIfMatch(c.req.header("if-match")),
      (tx, from) =>
        audit(tx, c.var.company.schema, c, deps.now(), deps.trustProxy, {
          action: "record_reassigned",
          actor: auditAs(c),
          target: target(c),
          detail: { from, to: owner },
        }),
    );
    return c.json(record, 200, { ETag: `"${String(record.version)}"` });
  });
  routes.get(`/:entity/:id${id}/shares`, "session", async (c) =>
    c.json({ items: await shares(c).list(c.req.param("id")!) }),
  );
  routes.post(`/:entity/:id${id}/shares`, "session", async (c) => {
    const body = oneTarget(checkShare(await readJsonObject(c)));
    const share = await shares(c).add(
      c.req.param("id")!,
      body,
      parseIfMatch(c.req.header("if-match")),
      c.var.session.user.id,
      (tx) =>
        audit(tx, c.var.company.schema, c, deps.now(), deps.trustProxy, {
          action: "record_shared",
          actor: auditAs(c),
          target: target(c),
          detail: { ...body },
        }),
    );
    return c.json(share, 201);
  });
  routes.delete(`/:entity/:id${id}/shares/:share${id}`, "session", async (c) => {
    await shares(c).remove(
      c.req.param("id")!,
      c.req.param("share")!,
      parseIfMatch(c.req.header("if-match")),
      (tx, removed) =>
        audit(tx, c.var.company.schema, c, deps.now(), deps.trustProxy, {
          action: "record_unshared",
          actor: auditAs(c),
          target: target(c),
          detail: {
            user: removed.user?.id,
            department: removed.department?.id,
            access: removed.access,
          },
        }),
    );
    return c.body(null, 204);
  });
}
