import { Type, type Static } from "@sinclair/typebox";
import type { CoreDeps } from "../companies/core-deps.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import { systemTables } from "../db/system-tables.ts";
import { enumField } from "../fields/enum.field.ts";
import { ApiError } from "../http/api-error.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import { documentedFrom } from "../http/documented-from.ts";
import type { Routes } from "../http/routes.ts";
import { tr } from "../i18n/text.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { MetadataInvalidError } from "../metadata/metadata-error.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";
import { dateInZone } from "../numbering/date-in-zone.ts";
import { NumberSeries, patternOf, type Numbering } from "../numbering/number-series.ts";
import type { CompanyOverlay } from "../../metadata/types.gen.ts";
import { invalidChange, writeOverlay } from "./overlay-writer.ts";

const tags = ["admin"];
const entityParam = documentedFrom(Type.String({ description: "The entity's key." }), "entityKey");

const prefixesSchema = Type.Object(
  {
    field: Type.String({ maxLength: 60, description: "A choice field of the entity." }),
    values: Type.Record(
      Type.String({ pattern: "^[A-Za-z0-9][A-Za-z0-9_-]{0,39}$" }),
      Type.String({ pattern: "^[^{}\\u0000-\\u001f]{0,20}$" }),
      { maxProperties: 200, description: "Option → the text {prefix} stands for." },
    ),
  },
  { additionalProperties: false },
);

const numberingChange = Type.Object(
  {
    pattern: Type.String({
      minLength: 1,
      maxLength: 60,
      description: "Literal text, {YYYY} {YY} {MM} {DD}, {prefix} and one {seq} or {seq:N}.",
    }),
    automatic: Type.Optional(
      Type.Boolean({ description: "False: users type the number on create, checked unique." }),
    ),
    prefixes: Type.Optional(prefixesSchema),
  },
  { additionalProperties: false },
);
type NumberingChange = Static<typeof numberingChange>;

const previewSchema = Type.Array(
  Type.Object({
    value: Type.Union([Type.String(), Type.Null()], {
      description: "The option of the prefix field; null for a record without a listed option.",
    }),
    number: Type.String(),
  }),
  { description: "The next number of each series, not taken." },
);

const numberingState = Type.Object({
  entity: Type.String(),
  field: Type.String({ description: "The numbered field." }),
  pattern: Type.String(),
  automatic: Type.Boolean(),
  prefixes: Type.Union([prefixesSchema, Type.Null()]),
  preview: previewSchema,
  prefixFields: Type.Array(
    Type.Object({ field: Type.String(), options: Type.Array(Type.String()) }),
    { description: "The choice fields prefixes may follow, with their options." },
  ),
});

/**
 * The numbering designer (Y2): an entity's document-number pattern, its
 * per-option prefixes and whether the server numbers at all, as the
 * company's overlay (`numbering`), with a preview of the next numbers.
 */
export function numberingRoutes(routes: Routes, deps: CoreDeps) {
  const numberingOf = (meta: EffectiveMetadata, entity: string): Numbering => {
    const def = own(meta.entities, entity);
    if (!def) throw ApiError.notFound(unknownEntity(entity));
    if (!def.entity.numbering)
      throw ApiError.notFound(
        tr('entity "{entity}" has no document numbers', { entity: entity.slice(0, 40) }),
      );
    return def.entity.numbering;
  };

  /**
   * The next number of each series of the numbering: one without a prefix, then
   * one per option with a prefix, in the field's option order.
   */
  const preview = (company: CompanyContext, entity: string, meta: EffectiveMetadata) => {
    const def = meta.entities[entity]!;
    const numbering = def.entity.numbering!;
    const date = dateInZone(deps.now(), company.settings.timezone);
    const values: [string | null, string][] = [[null, ""]];
    const { prefixes } = numbering;
    if (prefixes && patternOf(numbering.pattern).hasPrefix)
      for (const option of def.entity.fields[prefixes.field]?.options ?? [])
        if (Object.hasOwn(prefixes.values, option)) values.push([option, prefixes.values[option]!]);
    return Promise.all(
      values.map(async ([value, prefix]) => ({
        value,
        number: await new NumberSeries(entity, numbering, prefix, date).peek(
          deps.database.db,
          company.schema,
        ),
      })),
    );
  };

  const state = async (company: CompanyContext, meta: EffectiveMetadata, entity: string) => {
    const numbering = numberingOf(meta, entity);
    return {
      entity,
      field: numbering.field,
      pattern: numbering.pattern,
      automatic: numbering.automatic !== false,
      prefixes: numbering.prefixes ?? null,
      preview: await preview(company, entity, meta),
      prefixFields: Object.entries(meta.entities[entity]!.entity.fields)
        .filter(([, f]) => f.type === enumField.name && !f.hidden)
        .map(([field, f]) => ({ field, options: f.options ?? [] })),
    };
  };

  const changed = (overlay: CompanyOverlay, entity: string, body: NumberingChange) => {
    overlay.entities ??= {};
    const eo = (overlay.entities[entity] ??= {});
    eo.numbering = body;
    return overlay;
  };

  routes.route(
    "GET",
    "/numbering",
    {
      policy: "admin",
      operationId: "listNumbering",
      summary: "The numbering of every entity that has document numbers",
      tags,
      responses: {
        200: {
          description: "Entities with numbering, in metadata order.",
          schema: Type.Object({ items: Type.Array(numberingState) }),
        },
      },
      errors: [503],
    },
    async (c) => {
      const { company } = c.var;
      const keys = Object.keys(company.meta.entities).filter(
        (k) => company.meta.entities[k]!.entity.numbering,
      );
      return c.json({ items: await Promise.all(keys.map((k) => state(company, company.meta, k))) });
    },
  );

  routes.route(
    "GET",
    "/entities/:entity/numbering",
    {
      policy: "admin",
      operationId: "getNumbering",
      summary: "An entity's numbering and a preview of its next numbers",
      tags,
      params: Type.Object({ entity: entityParam }),
      responses: { 200: { description: "The numbering in force.", schema: numberingState } },
      errors: [404, 503],
    },
    async (c, { params: { entity } }) =>
      c.json(await state(c.var.company, c.var.company.meta, entity)),
  );

  routes.route(
    "PUT",
    "/entities/:entity/numbering",
    {
      policy: "admin",
      operationId: "changeNumbering",
      summary: "Change an entity's numbering (pattern, prefixes, automatic or typed numbers)",
      description:
        "A metadata version: audited, live from the next request on, undone by rollback. A new pattern counts in its own series; a pattern used before continues its series.",
      tags,
      params: Type.Object({ entity: entityParam }),
      body: numberingChange,
      responses: {
        200: {
          description: "The numbering after the change.",
          schema: Type.Object({ numbering: numberingState, metaVersion: metaVersionSchema }),
        },
      },
      errors: [404, 409, 503],
    },
    async (c, { params: { entity }, body }) => {
      numberingOf(c.var.company.meta, entity);
      const meta = await writeOverlay(deps, c, `change numbering of ${entity}`, (overlay) =>
        changed(overlay, entity, body),
      );
      return c.json({
        numbering: await state(c.var.company, meta, entity),
        metaVersion: meta.hash.slice(0, 16),
      });
    },
  );

  routes.route(
    "POST",
    "/entities/:entity/numbering/preview",
    {
      policy: "admin",
      operationId: "previewNumbering",
      summary: "Check a numbering without saving it, and preview its next numbers",
      tags,
      params: Type.Object({ entity: entityParam }),
      body: numberingChange,
      responses: {
        200: {
          description: "The numbering as it would be, with the numbers it would give next.",
          schema: numberingState,
        },
      },
      errors: [404, 503],
    },
    async (c, { params: { entity }, body }) => {
      const { company } = c.var;
      numberingOf(company.meta, entity);
      const version = company.meta.overlayVersion;
      const row = await systemTables(deps.database.db, company.schema)
        .selectFrom("sys_meta_version")
        .select("overlay")
        .where("version", "=", version)
        .executeTakeFirstOrThrow();
      let meta: EffectiveMetadata;
      try {
        meta = applyOverlay(deps.base, changed(row.overlay, entity, body), version + 1);
      } catch (err) {
        if (!(err instanceof MetadataInvalidError)) throw err;
        throw invalidChange(err);
      }
      return c.json(await state(company, meta, entity));
    },
  );
}
