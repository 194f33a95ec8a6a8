import { Type, type Static } from "@sinclair/typebox";
import type { Context } from "hono";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { stringEnum } from "../http/string-enum.ts";
import type { Routes } from "../http/routes.ts";
import type { RecordService } from "../records/record-service.ts";
import { RecordAccess } from "./record-access.ts";
import { oneTarget } from "./record-access-routes.ts";
import { tr } from "../i18n/text.ts";
import { fieldTexts } from "../http/field-texts.ts";
import { tableAnalyzer } from "../db/table-analyzer.ts";
import { shareTable } from "./share-table.ts";
import type { Text } from "../i18n/text.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";

/** Records one batch may name: a page of a grid, several times over. */
export const maxBatchIds = 1000;

const givenId = Type.String({ format: "uuid", pattern: `^${uuidSource}$` });

const batchBody = Type.Object(
  {
    action: stringEnum(["delete", "assign", "share"] as const),
    ids: Type.Array(givenId, { minItems: 1, maxItems: maxBatchIds, uniqueItems: true }),
    owner: Type.Optional({ ...givenId, description: "assign: the new owner" }),
    related: Type.Optional(
      Type.Boolean({
        default: true,
        description: "assign: move the records that refer to each one and had its old owner",
      }),
    ),
    user: Type.Optional({ ...givenId, description: "share: with this user" }),
    department: Type.Optional({ ...givenId, description: "share: with this department" }),
    access: Type.Optional(stringEnum(["read", "edit"] as const, { description: "share" })),
    subDepartments: Type.Optional(
      Type.Boolean({
        default: false,
        description: "share with a department: also every department below it",
      }),
    ),
  },
  { additionalProperties: false },
);
type BatchBody = Static<typeof batchBody>;

const batchAnswer = Type.Object({
  action: Type.String(),
  done: Type.Integer(),
  refused: Type.Integer(),
  related: Type.Optional(
    Type.Integer({ description: "assign: records that went along with the reassigned ones" }),
  ),
  results: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      status: stringEnum(["done", "refused"]),
      related: Type.Optional(Type.Integer()),
      error: Type.Optional(
        Type.Object({ code: Type.String(), message: Type.String(), status: Type.Integer() }),
      ),
    }),
  ),
});

/** What each action takes besides ids; anything else in the body is a mistake worth naming. */
const extras: Record<BatchBody["action"], (keyof BatchBody)[]> = {
  delete: [],
  assign: ["owner", "related"],
  share: ["user", "department", "access", "subDepartments"],
};

export interface BatchResult {
  id: string;
  status: "done" | "refused";
  /** Of a reassignment: how many records that refer to this one went along. */
  related?: number;
  error?: { code: string; message: Text; status: number };
}

/**
 * `POST /api/data/:entity/batch` (C5): delete, reassign (with related records
 * unless `related: false`) or share many records.
 * The batch needs the role's batch (or batchDelete) right; then each record is
 * checked and changed on its own, exactly as its single-record route would,
 * so the answer says per record what was done and what was refused and why.
 */
export function batchRoutes(
  routes: Routes,
  service: (c: Context<AppEnv>) => RecordService,
  deps: ModuleDeps,
) {
  routes.route(
    "POST",
    "/:entity/batch",
    {
      policy: "session",
      perEntity: true,
      operationId: "batch",
      summary: "Delete, reassign or share many {plural}",
      description:
        "Needs the batch right (batchDelete to delete); then each record is checked and changed on its own, and the answer says per record what was done or why it was refused.",
      tags: [],
      body: batchBody,
      responses: {
        200: {
          description: "What happened to each record, in the order given.",
          schema: batchAnswer,
        },
      },
      errors: [403, 503],
    },
    async (c, { body }) => {
      const records = service(c);
      for (const key of Object.keys(body) as (keyof BatchBody)[]) {
        if (key !== "action" && key !== "ids" && !extras[body.action].includes(key))
          throw ApiError.invalidRequest([
            {
              field: key,
              rule: "unknown",
              message: tr("is not used by the {action} action", { action: body.action }),
            },
          ]);
      }
      const entity = records.definition.entity.key;
      const { company } = c.var;
      company.policy.requireAction(
        company,
        entity,
        body.action === "delete" ? "batchDelete" : "batch",
      );
      const access = new RecordAccess(c, deps, records);
      let run: (id: string) => Promise<{ related?: number }>;
      if (body.action === "delete") run = (id) => records.delete(id, undefined).then(() => ({}));
      else if (body.action === "assign") {
        if (!body.owner)
          throw ApiError.invalidRequest([
            { field: "owner", rule: "required", message: fieldTexts.required() },
          ]);
        const owner = body.owner;
        const related = body.related ?? true;
        run = async (id) => ({
          related: (await access.assign(id, owner, undefined, related))._related.moved,
        });
      } else {
        const target = oneTarget({
          ...(body.user && { user: body.user }),
          ...(body.department && { department: body.department }),
          access: body.access ?? "read",
          ...(body.subDepartments !== undefined && { subDepartments: body.subDepartments }),
        });
        if (!body.access)
          throw ApiError.invalidRequest([
            { field: "access", rule: "required", message: fieldTexts.required() },
          ]);
        run = (id) => access.share(id, target, undefined).then(() => ({}));
      }
      const results: BatchResult[] = [];
      for (const id of body.ids) {
        try {
          const { related } = await run(id);
          results.push({ id, status: "done", ...(related !== undefined && { related }) });
        } catch (err) {
          if (!(err instanceof ApiError)) throw err;
          results.push({
            id,
            status: "refused",
            error: { code: err.code, message: err.text, status: err.status },
          });
        }
      }
      const done = results.filter((r) => r.status === "done").length;
      const related = results.reduce((n, r) => n + (r.related ?? 0), 0);
      // Each record committed on its own; the statistics of what many of them changed follow.
      if (done > 0)
        tableAnalyzer(deps.database.db).request({
          schema: company.schema,
          table: body.action === "share" ? shareTable : entity,
          changedRows: done,
        });
      return c.json({
        action: body.action,
        done,
        refused: results.length - done,
        ...(body.action === "assign" && { related }),
        results,
      });
    },
  );
}
