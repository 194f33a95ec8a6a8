import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { Routes } from "../http/routes.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import { documentedFrom } from "../http/documented-from.ts";
import { componentRef, namedSchema } from "../http/named-schema.ts";
import { withProblemText } from "../http/problem-text.ts";
import {
  customFieldKey,
  fieldChangeShape,
  labelsChangeShape,
  newFieldShape,
} from "../metadata/field-body-schemas.ts";
import type { Locale } from "../metadata/metadata-types.ts";
import type {
  CompanyOverlay,
  EntityOverlay,
  FieldPatch,
  Labels,
} from "../../metadata/types.gen.ts";
import { writeOverlay } from "./overlay-writer.ts";
import { noColumnLeft } from "./column-limit.ts";
import { applyFieldLabels, mergeSparse, type FieldLabels } from "./label-patches.ts";
import { own } from "../metadata/own-key.ts";
import { columnRoom, type ColumnRoom } from "../sync/column-room.ts";
import { tr } from "../i18n/text.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { systemTables } from "../db/system-tables.ts";
import { fullCompany } from "../companies/company-context.ts";
import { guardFieldChange, type FieldGuardReport } from "./field-guards.ts";
import { refuseReservedFieldKey } from "./reserved-key-refusal.ts";

const noOverlayVersion = (version: string) => tr("no overlay version {version}", { version });

/** Overlay versions are PostgreSQL integers; a number beyond names no version and must not reach SQL. */
const maxVersion = 2 ** 31 - 1;
const isVersion = (value: number) => Number.isInteger(value) && value >= 0 && value <= maxVersion;

const tags = ["admin"];
const entityParam = documentedFrom(Type.String({ description: "The entity's key." }), "entityKey");
const fieldChanged = namedSchema(
  "FieldChanged",
  Type.Object({
    key: Type.String(),
    field: componentRef("FieldDefinition"),
    metaVersion: metaVersionSchema,
    columnsLeft: Type.Optional(
      Type.Integer({
        description:
          "On an added field: how many more columns the entity's table can take (PostgreSQL's limit of 1,600, columns of deleted fields counted).",
      }),
    ),
    filled: Type.Optional(
      Type.Integer({
        description: "On a field made required with fillWith: how many empty records were filled.",
      }),
    ),
    optionsInUse: Type.Optional(
      Type.Array(Type.Object({ option: Type.String(), records: Type.Integer() }), {
        description:
          "Options asked to go that records still hold, with how many: they stay for those records, retired (hidden from new entries).",
      }),
    ),
  }),
);
const changeErrors = [404, 409, 503] as const;

/**
 * Company metadata changes (design brief §8 `/api/admin`). Each one is a new
 * overlay version, live on the next request of every user and process.
 */
export function adminRoutes(routes: Routes, deps: CoreDeps) {
  const entityOf = (overlay: CompanyOverlay, entity: string): EntityOverlay => {
    overlay.entities ??= {};
    return (overlay.entities[entity] ??= {});
  };
  const requireEntity = (c: { var: AppEnv["Variables"] }, entity: string) => {
    if (!own(c.var.company.meta.entities, entity)) throw ApiError.notFound(unknownEntity(entity));
  };

  routes.route(
    "GET",
    "/metadata",
    {
      policy: "admin",
      operationId: "getAdminMetadata",
      summary:
        "The overlay head, the metadata version, its error (if any) and every overlay version",
      tags,
      responses: {
        200: {
          description: "The company's metadata history.",
          schema: Type.Object({
            head: Type.Integer(),
            metaVersion: Type.String(),
            error: Type.Union([Type.String(), Type.Null()], {
              description: "Why the company runs on its last good metadata, when it does.",
            }),
            versions: Type.Array(
              Type.Object({
                version: Type.Integer(),
                note: Type.Union([Type.String(), Type.Null()]),
                createdAt: Type.String({ format: "date-time" }),
                createdBy: Type.Union([Type.String(), Type.Null()], { description: "A username." }),
                comment: Type.Union([Type.String(), Type.Null()], {
                  description: "The admin's own words on the change.",
                }),
              }),
            ),
          }),
        },
      },
      errors: [503],
    },
    async (c) => {
      const { company } = c.var;
      const versions = await systemTables(deps.database.db, company.schema)
        .selectFrom("sys_meta_version as v")
        .leftJoin("sys_user as u", "u.id", "v.created_by")
        .select([
          "v.version",
          "v.note",
          "v.comment",
          "v.created_at as createdAt",
          "u.username as createdBy",
        ])
        .orderBy("v.version", "desc")
        .execute();
      return c.json({
        head: company.meta.overlayVersion,
        metaVersion: company.meta.hash.slice(0, 16),
        error: company.metadataError ?? null,
        versions,
      });
    },
  );

  routes.route(
    "GET",
    "/metadata/versions/:version{[0-9]+}",
    {
      policy: "admin",
      operationId: "getOverlayVersion",
      summary: "One overlay version",
      tags,
      params: Type.Object({
        version: Type.Integer({ minimum: 0, description: "An overlay version number." }),
      }),
      responses: {
        200: {
          description: "The overlay: the company's sparse changes to the base metadata.",
          schema: Type.Object({
            version: Type.Integer(),
            note: Type.Union([Type.String(), Type.Null()]),
            overlay: Type.Object({}),
          }),
        },
      },
      errors: [404, 503],
    },
    async (c, { params: { version } }) => {
      const row = isVersion(version)
        ? await systemTables(deps.database.db, c.var.company.schema)
            .selectFrom("sys_meta_version")
            .select(["version", "note", "overlay"])
            .where("version", "=", version)
            .executeTakeFirst()
        : undefined;
      if (!row) throw ApiError.notFound(noOverlayVersion(String(version).slice(0, 20)));
      return c.json(row);
    },
  );

  routes.route(
    "POST",
    "/entities/:entity/fields",
    {
      policy: "admin",
      operationId: "addField",
      summary: "Add a company's own field (x_…), with its column",
      tags,
      params: Type.Object({ entity: entityParam }),
      body: documentedFrom(
        newFieldShape(
          withProblemText(customFieldKey, () =>
            tr(
              "a custom field key starts with x_ followed by lower-case letters, digits or _ (for example x_wechat)",
            ),
          ),
        ),
        "newField",
      ),
      responses: {
        201: { description: "The change, live from the next request on.", schema: fieldChanged },
      },
      errors: [...changeErrors],
    },
    async (c, { params: { entity }, body }) => {
      requireEntity(c, entity);
      const { key, labels, ...field } = body as { key: string; labels?: FieldLabels };
      refuseReservedFieldKey(key);
      let room: ColumnRoom | undefined;
      const meta = await writeOverlay(
        deps,
        c,
        `add field ${entity}.${key}`,
        async (overlay, tx) => {
          const used =
            await sql`select 1 from information_schema.columns where table_schema = ${c.var.company.schema} and table_name = ${entity} and column_name = ${key}`.execute(
              tx,
            );
          if (
            used.rows.length > 0 ||
            own(c.var.company.meta.entities[entity]!.entity.fields, key)
          ) {
            throw ApiError.conflict(
              "key_used",
              tr(
                'the key "{key}" was already used on {entity}; a key is never reused, choose another',
                {
                  key,
                  entity,
                },
              ),
            );
          }
          room = await columnRoom(tx, c.var.company.schema, entity);
          if (room.left < 1) throw noColumnLeft(entity, room);
          const eo = entityOf(overlay, entity);
          eo.fields = { ...eo.fields, [key]: field as FieldPatch };
          applyFieldLabels(eo, key, labels);
          return overlay;
        },
      );
      return c.json(
        {
          key,
          field: meta.entities[entity]!.entity.fields[key],
          metaVersion: meta.hash.slice(0, 16),
          ...(room ? { columnsLeft: room.left - 1 } : {}),
        },
        201,
      );
    },
  );

  routes.route(
    "PATCH",
    "/entities/:entity/fields/:field",
    {
      policy: "admin",
      operationId: "changeField",
      summary:
        "Change a field: hide it, relabel it, make it required or unique, change its options or its type (its values converted)",
      tags,
      params: Type.Object({
        entity: entityParam,
        field: Type.String({ description: "The field's key (hidden fields included)." }),
      }),
      body: documentedFrom(fieldChangeShape, "fieldChange"),
      responses: {
        200: { description: "The change, live from the next request on.", schema: fieldChanged },
      },
      errors: [...changeErrors],
    },
    async (c, { params: { entity, field: key }, body }) => {
      requireEntity(c, entity);
      const { labels, fillWith, ...patch } = body as { labels?: FieldLabels; fillWith?: unknown };
      const { company } = c.var;
      const current = own(fullCompany(company).meta.entities[entity]!.entity.fields, key);
      if (!current)
        throw ApiError.notFound(
          tr('unknown field "{field}" of entity "{entity}"', { field: key, entity }),
        );
      let report: FieldGuardReport = {};
      const meta = await writeOverlay(
        deps,
        c,
        `change field ${entity}.${key}`,
        async (overlay, tx) => {
          const eo = entityOf(overlay, entity);
          const guarded = await guardFieldChange(
            {
              tx,
              schema: company.schema,
              entity,
              key,
              current,
              patch: patch as FieldPatch,
              fillWith,
              ctx: company.fieldContext,
            },
            eo.fields?.[key],
          );
          report = guarded.report;
          eo.fields = { ...eo.fields, [key]: guarded.patch };
          applyFieldLabels(eo, key, labels);
          return overlay;
        },
      );
      return c.json({
        key,
        field: meta.entities[entity]!.entity.fields[key],
        metaVersion: meta.hash.slice(0, 16),
        ...report,
      });
    },
  );

  routes.route(
    "PATCH",
    "/entities/:entity/labels",
    {
      policy: "admin",
      operationId: "changeLabels",
      summary: "Change an entity's labels, per locale, key by key",
      tags,
      params: Type.Object({ entity: entityParam }),
      body: documentedFrom(labelsChangeShape, "localizedLabels"),
      responses: {
        200: {
          description: "The change, live from the next request on.",
          schema: Type.Object({
            labels: componentRef("LocalizedLabels"),
            metaVersion: metaVersionSchema,
          }),
        },
      },
      errors: [...changeErrors],
    },
    async (c, { params: { entity }, body }) => {
      requireEntity(c, entity);
      const meta = await writeOverlay(deps, c, `change labels of ${entity}`, (overlay) => {
        const eo = entityOf(overlay, entity);
        for (const [locale, patch] of Object.entries(body) as [Locale, Labels][]) {
          eo.labels ??= {};
          eo.labels[locale] = mergeSparse(eo.labels[locale] ?? {}, patch);
        }
        return overlay;
      });
      return c.json({ labels: meta.entities[entity]!.labels, metaVersion: meta.hash.slice(0, 16) });
    },
  );

  routes.route(
    "POST",
    "/metadata/rollback",
    {
      policy: "admin",
      operationId: "rollbackMetadata",
      summary: "Return to an earlier overlay version (written as a new version)",
      tags,
      body: Type.Object(
        { version: Type.Integer({ description: "The overlay version to return to." }) },
        { additionalProperties: false },
      ),
      responses: {
        200: {
          description: "The change, live from the next request on.",
          schema: Type.Object({ head: Type.Integer(), metaVersion: metaVersionSchema }),
        },
      },
      errors: [...changeErrors],
    },
    async (c, { body: { version } }) => {
      if (!isVersion(version)) {
        throw ApiError.invalidRequest([
          {
            field: "version",
            rule: "type",
            message: tr(
              "must be the overlay version to return to: a whole number from 0 to the head ({head})",
              { head: c.var.company.meta.overlayVersion },
            ),
          },
        ]);
      }
      const meta = await writeOverlay(
        deps,
        c,
        `roll back to version ${version}`,
        async (_overlay, tx) => {
          const row = await systemTables(tx, c.var.company.schema)
            .selectFrom("sys_meta_version")
            .select("overlay")
            .where("version", "=", version)
            .executeTakeFirst();
          if (!row) throw ApiError.notFound(noOverlayVersion(String(version)));
          return row.overlay;
        },
      );
      return c.json({ head: meta.overlayVersion, metaVersion: meta.hash.slice(0, 16) });
    },
  );
}
