import { Type } from "@sinclair/typebox";
import type { Context } from "hono";
import { fullCompany } from "../companies/company-context.ts";
import { writeOverlay } from "../admin/overlay-writer.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import { documentedFrom } from "../http/documented-from.ts";
import type { Routes } from "../http/routes.ts";
import { stringEnum } from "../http/string-enum.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { mergeRecords } from "./merge-records.ts";
import { getFieldType } from "../fields/registry.ts";
import { visibleFields } from "../metadata/entity-fields.ts";

const tags = ["admin"];
const entityParam = documentedFrom(Type.String({ description: "The entity's key." }), "entityKey");
const recordId = Type.String({ format: "uuid", pattern: `^${uuidSource}$` });

const checkBody = Type.Object(
  {
    fields: Type.Array(Type.String({ maxLength: 60 }), { maxItems: 8, uniqueItems: true }),
    mode: stringEnum(["warn", "block"] as const),
  },
  { additionalProperties: false },
);

const mergeBody = Type.Object(
  {
    keep: { ...recordId, description: "The record that stays." },
    remove: { ...recordId, description: "The record merged into it and deleted." },
    values: Type.Record(Type.String({ maxLength: 60 }), stringEnum(["keep", "remove"] as const), {
      maxProperties: 500,
      description: "Per field, whose value the record kept takes; a field not named keeps its own.",
    }),
  },
  { additionalProperties: false },
);

/**
 * The company admin's side of the duplicate check (Y2): which fields of an
 * entity identify a duplicate and whether one warns or blocks (an overlay
 * version, audited and undone by rollback), and merging two records.
 */
export function duplicateAdminRoutes(routes: Routes, deps: ModuleDeps) {
  const requireEntity = (c: Context<AppEnv>, entity: string) => {
    if (!own(c.var.company.meta.entities, entity)) throw ApiError.notFound(unknownEntity(entity));
  };

  routes.route(
    "GET",
    "/:entity/duplicate-check",
    {
      policy: "admin",
      operationId: "getDuplicateCheck",
      summary: "The fields that identify a duplicate, the mode, and the fields that could",
      tags,
      params: Type.Object({ entity: entityParam }),
      responses: {
        200: {
          description:
            "The entity's duplicate check; candidates are its fields whose type can identify a duplicate.",
          schema: Type.Object({
            duplicateCheck: Type.Union([checkBody, Type.Null()]),
            candidates: Type.Array(Type.String()),
          }),
        },
      },
      errors: [404, 503],
    },
    (c, { params: { entity } }) => {
      requireEntity(c, entity);
      const def = fullCompany(c.var.company).meta.entities[entity]!;
      const candidates = visibleFields(def)
        .filter(([, field]) => getFieldType(field.type)?.duplicateKey)
        .map(([name]) => name);
      return c.json({ duplicateCheck: def.entity.duplicateCheck ?? null, candidates });
    },
  );

  routes.route(
    "PUT",
    "/:entity/duplicate-check",
    {
      policy: "admin",
      operationId: "setDuplicateCheck",
      summary: "Choose the fields that identify a duplicate, and whether one warns or blocks",
      description:
        "A metadata version: audited, live from the next request on, undone by rollback.",
      tags,
      params: Type.Object({ entity: entityParam }),
      body: checkBody,
      responses: {
        200: {
          description: "The entity's duplicate check after the change.",
          schema: Type.Object({ duplicateCheck: checkBody, metaVersion: metaVersionSchema }),
        },
      },
      errors: [404, 409, 503],
    },
    async (c, { params: { entity }, body }) => {
      requireEntity(c, entity);
      const meta = await writeOverlay(deps, c, `duplicate check of ${entity}`, (overlay) => {
        overlay.entities ??= {};
        const eo = (overlay.entities[entity] ??= {});
        eo.duplicateCheck = { fields: [...body.fields], mode: body.mode };
        return overlay;
      });
      return c.json({
        duplicateCheck: meta.entities[entity]!.entity.duplicateCheck,
        metaVersion: meta.hash.slice(0, 16),
      });
    },
  );

  routes.route(
    "POST",
    "/:entity/merge",
    {
      policy: "admin",
      operationId: "mergeRecords",
      summary:
        "Merge two records: references re-pointed, values chosen per field, one record deleted",
      tags,
      params: Type.Object({ entity: entityParam }),
      body: mergeBody,
      responses: {
        200: {
          description:
            "The record kept, and how many records of each entity now refer to it instead.",
          schema: Type.Object({
            record: Type.Record(Type.String(), Type.Unknown()),
            repointed: Type.Record(Type.String(), Type.Integer()),
          }),
        },
      },
      errors: [404, 409, 503],
    },
    async (c, { params: { entity }, body }) => {
      requireEntity(c, entity);
      if (!fullCompany(c.var.company).meta.entities[entity])
        throw ApiError.notFound(unknownEntity(entity));
      const result = await mergeRecords(
        deps.records,
        deps.records.trail(c),
        c.var.company,
        entity,
        c.var.actor.userId,
        body,
      );
      return c.json(result);
    },
  );
}
