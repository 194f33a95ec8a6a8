import { Type } from "@sinclair/typebox";
import type { Context } from "hono";
import { ApiError } from "../http/api-error.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import type { AppEnv } from "../http/app-env.ts";
import { documentedFrom } from "../http/documented-from.ts";
import type { Routes } from "../http/routes.ts";
import {
  etagHeader,
  id,
  optionalIfMatch,
  parseIfMatch,
  recordId,
} from "../records/record-route-params.ts";
import type { RecordService } from "../records/record-service.ts";
import { RecordAccess } from "./record-access.ts";
import type { ShareTarget } from "./record-shares.ts";
import { shareRequestSchema, shareSchema } from "./share-schemas.ts";
import { tr } from "../i18n/text.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";

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
  service: (c: Context<AppEnv>) => RecordService,
  deps: ModuleDeps,
) {
  const access = (c: Context<AppEnv>) => new RecordAccess(c, deps, service(c));
  const common = { policy: "session", tags: [], perEntity: true } as const;
  const ofRecord = { ...common, params: Type.Object({ id: recordId }) };
  const write = { ...ofRecord, headers: optionalIfMatch, errors: [403, 404, 409, 503] } as const;

  routes.route(
    "POST",
    `/:entity/:id${id}/assign`,
    {
      ...write,
      operationId: "assign",
      summary: "Give {aLabel} a new owner",
      description:
        "The record then follows the new owner's department in everyone's scope. Needs the update right and the record within the user's role scope: a share is not enough. With `related` (the default), the records that refer to it and had its old owner move too, where the user may reassign them (one level).",
      body: Type.Object(
        {
          owner: Type.String({ format: "uuid", pattern: `^${uuidSource}$` }),
          related: Type.Optional(Type.Boolean({ default: true })),
        },
        { additionalProperties: false },
      ),
      responses: {
        200: {
          description:
            "The {label} with its new owner and version, and how many related records moved.",
          headers: etagHeader,
          schema: Type.Intersect([
            documentedFrom(Type.Object({}), "entityRecord"),
            Type.Object({
              _related: Type.Object({
                moved: Type.Integer({ minimum: 0 }),
                entities: Type.Object(
                  {},
                  {
                    description: "Records moved per entity.",
                    additionalProperties: Type.Integer({ minimum: 1 }),
                  },
                ),
              }),
            }),
          ]),
        },
      },
    },
    async (c, { params, headers, body }) => {
      const record = await access(c).assign(
        params.id,
        body.owner,
        parseIfMatch(headers["If-Match"]),
        body.related ?? true,
      );
      return c.json(record, 200, { ETag: `"${String(record.version)}"` });
    },
  );
  routes.route(
    "GET",
    `/:entity/:id${id}/shares`,
    {
      ...ofRecord,
      operationId: "listShares",
      summary: "Who {aLabel} is shared with",
      responses: {
        200: {
          description: "The record's shares, oldest first.",
          schema: Type.Object({ items: Type.Array(shareSchema) }),
        },
      },
      errors: [403, 404, 503],
    },
    async (c, { params }) => c.json({ items: await access(c).shares(params.id) }),
  );
  routes.route(
    "POST",
    `/:entity/:id${id}/shares`,
    {
      ...write,
      operationId: "share",
      summary: "Share {aLabel} with a user or a department",
      description:
        "A read share lets them see the record; an edit share also lets them change it (if their role may), never delete, reassign or share it. Needs the update right and the record within the user's role scope; bumps its version.",
      body: shareRequestSchema,
      responses: { 201: { description: "The share.", schema: shareSchema } },
    },
    async (c, { params, headers, body }) =>
      c.json(
        await access(c).share(params.id, oneTarget(body), parseIfMatch(headers["If-Match"])),
        201,
      ),
  );
  routes.route(
    "DELETE",
    `/:entity/:id${id}/shares/:share${id}`,
    {
      ...write,
      operationId: "unshare",
      summary: "Stop sharing {aLabel}",
      params: Type.Object({
        id: recordId,
        share: Type.String({ format: "uuid", description: "The share's id." }),
      }),
      responses: { 204: { description: "No longer shared." } },
    },
    async (c, { params, headers }) => {
      await access(c).unshare(params.id, params.share, parseIfMatch(headers["If-Match"]));
      return c.body(null, 204);
    },
  );
}
