import type { Context } from "hono";
import { requireAction } from "../access/entity-actions.ts";
import { RecordAccess } from "../access/record-access.ts";
import { oneTarget } from "../access/record-access-routes.ts";
import { uuidSchema } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { bodyChecker } from "../http/check-body.ts";
import { readJsonObject } from "../http/read-json.ts";
import type { Routes } from "../http/routes.ts";
import type { RecordDeps, RecordService } from "./record-service.ts";
import { tr } from "../i18n/text.ts";
import { fieldTexts } from "../http/field-texts.ts";
import type { Text } from "../i18n/text.ts";

/** Records one batch may name: a page of a grid, several times over. */
export const maxBatchIds = 1000;

interface BatchBody {
  action: "delete" | "assign" | "share";
  ids: string[];
  owner?: string;
  related?: boolean;
  user?: string;
  department?: string;
  access?: "read" | "edit";
  subDepartments?: boolean;
}

const checkBatch = bodyChecker<BatchBody>({
  type: "object",
  properties: {
    action: { enum: ["delete", "assign", "share"] },
    ids: {
      type: "array",
      items: uuidSchema,
      minItems: 1,
      maxItems: maxBatchIds,
      uniqueItems: true,
    },
    owner: uuidSchema,
    related: { type: "boolean" },
    user: uuidSchema,
    department: uuidSchema,
    access: { enum: ["read", "edit"] },
    subDepartments: { type: "boolean" },
  },
  required: ["action", "ids"],
  additionalProperties: false,
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
  deps: RecordDeps & { trustProxy: number },
  service: (c: Context<AppEnv>) => RecordService,
) {
  routes.post("/:entity/batch", "session", async (c) => {
    const records = service(c);
    const body = checkBatch(await readJsonObject(c));
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
    requireAction(c.var.company, entity, body.action === "delete" ? "batchDelete" : "batch");
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
    return c.json({
      action: body.action,
      done,
      refused: results.length - done,
      ...(body.action === "assign" && { related }),
      results,
    });
  });
}
