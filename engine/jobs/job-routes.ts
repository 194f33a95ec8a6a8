import { Type } from "@sinclair/typebox";
import { idParams, idPath } from "../http/common-schemas.ts";
import { ApiError } from "../http/api-error.ts";
import { namedSchema } from "../http/named-schema.ts";
import { stringEnum } from "../http/string-enum.ts";
import type { Routes } from "../http/routes.ts";
import { tr } from "../i18n/text.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { jobStates } from "./job-queue.ts";

const tags = ["jobs"];
const at = (description: string) =>
  Type.Union([Type.String({ format: "date-time" }), Type.Null()], { description });
const job = namedSchema(
  "Job",
  Type.Object({
    id: Type.String({ format: "uuid" }),
    name: Type.String({ description: "`<module>.<job>`." }),
    data: Type.Object(
      {},
      {
        additionalProperties: true,
        description:
          "What it was queued with: a cron job's `{firedAt}`; a search fill's `{entity, filled, rows}`, where the run before it got to.",
      },
    ),
    state: stringEnum(jobStates),
    retries: Type.Integer({ description: "Tries after the first." }),
    retryLimit: Type.Integer(),
    createdAt: Type.String({ format: "date-time" }),
    startedAt: at("When its last try started."),
    completedAt: at("When it completed, failed or was cancelled."),
    error: Type.Union([Type.String(), Type.Null()], {
      description: "Why its last try failed, while failed or waiting to retry.",
    }),
  }),
);

/** `/api/admin/jobs`: a company's jobs for its admins, and a failed one run again. */
export function jobRoutes(routes: Routes, deps: ModuleDeps) {
  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "listJobs",
      summary: "The company's jobs, newest first",
      tags,
      query: Type.Object({
        state: Type.Optional(stringEnum(jobStates)),
        limit: Type.Optional(Type.Integer({ minimum: 1, maximum: 200, default: 50 })),
        offset: Type.Optional(Type.Integer({ minimum: 0, maximum: 100_000 })),
      }),
      responses: {
        200: {
          description: "Completed jobs stay 12 hours, failed ones 7 days.",
          schema: Type.Object({ items: Type.Array(job), total: Type.Integer() }),
        },
      },
      errors: [503],
    },
    async (c, { query }) =>
      c.json(
        await deps.jobs.list(deps, c.var.company.slug, {
          ...(query.state === undefined ? {} : { state: query.state }),
          limit: query.limit ?? 50,
          offset: query.offset ?? 0,
        }),
      ),
  );

  routes.route(
    "POST",
    `${idPath}/retry`,
    {
      policy: "admin",
      operationId: "retryJob",
      summary: "Run a failed job again",
      tags,
      params: idParams("The job."),
      responses: { 204: { description: "Queued again." } },
      errors: [404, 503],
    },
    async (c, { params }) => {
      if (!(await deps.jobs.retry(deps, c.var.company.slug, params.id)))
        throw ApiError.notFound(tr("no failed job {id} in this company", { id: params.id }));
      return c.body(null, 204);
    },
  );
}
