import { Type } from "@sinclair/typebox";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import { documentedFrom } from "../http/documented-from.ts";
import { componentRef } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { tr } from "../i18n/text.ts";
import { locales, type Locale } from "../metadata/metadata-types.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";
import { systemTables } from "../db/system-tables.ts";
import { fieldTypeCatalog } from "./field-type-catalog.ts";
import { fieldUses } from "./field-uses.ts";
import { writeOverlay } from "./overlay-writer.ts";

const tags = ["admin"];
const perLocale = <T extends Parameters<typeof Type.Optional>[0]>(schema: T) =>
  Type.Object(Object.fromEntries(locales.map((l) => [l, schema])), {
    additionalProperties: false,
  });
const localizedText = perLocale(Type.String());
const moduleLabel = Type.String({ minLength: 1, maxLength: 200 });
const moduleLabelsChange = Type.Object(
  Object.fromEntries(
    locales.map((l) => [
      l,
      Type.Optional(
        Type.Object(
          {
            modules: Type.Record(Type.String({ maxLength: 40 }), moduleLabel, {
              maxProperties: 100,
            }),
          },
          { additionalProperties: false },
        ),
      ),
    ]),
  ),
  { additionalProperties: false },
);
const fieldUse = Type.Object(
  {
    kind: Type.String({
      description:
        "titleField, search, numbering, form (in `section`, null outside sections), listColumn, listSort, listFilter, or filterBy (of reference `entity`.`field`).",
    }),
    section: Type.Optional(Type.Union([Type.String(), Type.Null()])),
    entity: Type.Optional(Type.String()),
    field: Type.Optional(Type.String()),
  },
  { additionalProperties: false },
);

/**
 * What the entity designer reads (issue 16): the field types with the
 * properties each accepts, the entities with every field (hidden ones too,
 * base or the company's own) and where each field is used, and module labels.
 * Changes to fields and entity labels go through admin-routes.ts.
 */
export function designerRoutes(routes: Routes, deps: CoreDeps) {
  const catalog = fieldTypeCatalog();
  routes.route(
    "GET",
    "/field-types",
    {
      policy: "admin",
      operationId: "getDesignerFieldTypes",
      summary: "Each field type's labels and the metadata properties it accepts",
      tags,
      responses: {
        200: {
          description: "The registered field types, with each property's JSON Schema.",
          schema: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                labels: localizedText,
                properties: Type.Array(
                  Type.Object({
                    key: Type.String(),
                    schema: Type.Object({}),
                    fixed: Type.Boolean({
                      description: "It decides the column: set on adding, never changed.",
                    }),
                  }),
                ),
                valueType: Type.Union([Type.String(), Type.Null()], {
                  description: "The JSON type of a value, for a default; null when none is typed.",
                }),
                refersToRecords: Type.Boolean(),
                holdsSet: Type.Boolean(),
              }),
            ),
          }),
        },
      },
      errors: [503],
    },
    (c) => c.json({ items: catalog }),
  );

  routes.route(
    "GET",
    "/entities",
    {
      policy: "admin",
      operationId: "listDesignerEntities",
      summary: "The company's entities and modules, with their labels in every locale",
      tags,
      responses: {
        200: {
          description: "Entities in metadata order; modules with their labels.",
          schema: Type.Object({
            items: Type.Array(
              Type.Object({
                key: Type.String(),
                module: Type.String(),
                labels: perLocale(Type.Object({ entity: Type.String(), plural: Type.String() })),
                fieldCount: Type.Integer(),
                customFieldCount: Type.Integer(),
                custom: Type.Boolean({ description: "The company's own entity (x_…)." }),
              }),
            ),
            archived: Type.Array(
              Type.Object({
                key: Type.String(),
                labels: perLocale(Type.Object({ entity: Type.String() })),
              }),
              { description: "The company's own entities it archived, which it may bring back." },
            ),
            modules: Type.Array(Type.Object({ key: Type.String(), labels: localizedText })),
            metaVersion: metaVersionSchema,
          }),
        },
      },
      errors: [503],
    },
    async (c) => {
      const { meta, schema } = c.var.company;
      const items = Object.entries(meta.entities).map(([key, def]) => {
        const fields = Object.keys(def.entity.fields);
        return {
          key,
          module: def.entity.module,
          labels: Object.fromEntries(
            locales.map((l) => [
              l,
              {
                entity: def.labels[l].entity ?? key,
                plural: def.labels[l].plural ?? def.labels[l].entity ?? key,
              },
            ]),
          ),
          fieldCount: fields.length,
          customFieldCount: fields.filter((f) => !isBaseField(deps, key, f)).length,
          custom: !own(deps.base.entities, key),
        };
      });
      const { overlay } = await systemTables(deps.database.db, schema)
        .selectFrom("sys_meta_version")
        .select("overlay")
        .where("version", "=", meta.overlayVersion)
        .executeTakeFirstOrThrow();
      const archived = Object.entries(overlay.customEntities ?? {})
        .filter(([, custom]) => custom.archived)
        .map(([key]) => ({
          key,
          labels: Object.fromEntries(
            locales.map((l) => [
              l,
              { entity: overlay.entities?.[key]?.labels?.[l]?.entity ?? key },
            ]),
          ),
        }));
      return c.json({
        items,
        archived,
        modules: meta.modules.modules.map((m) => ({
          key: m.key,
          labels: Object.fromEntries(
            locales.map((l) => [l, meta.labels[l].modules?.[m.key] ?? m.key]),
          ),
        })),
        metaVersion: meta.hash.slice(0, 16),
      });
    },
  );

  routes.route(
    "GET",
    "/entities/:entity",
    {
      policy: "admin",
      operationId: "getDesignerEntity",
      summary: "One entity for the designer: every field (hidden ones too), its labels and uses",
      tags,
      params: Type.Object({
        entity: documentedFrom(Type.String({ description: "The entity's key." }), "entityKey"),
      }),
      responses: {
        200: {
          description: "Fields in definition order; `base` is false for the company's own.",
          schema: Type.Object({
            key: Type.String(),
            module: Type.String(),
            titleField: Type.String(),
            fields: Type.Array(
              Type.Object({
                key: Type.String(),
                base: Type.Boolean(),
                definition: componentRef("FieldDefinition"),
                uses: Type.Array(fieldUse),
              }),
            ),
            sections: Type.Array(Type.String(), { description: "The form's section keys." }),
            labels: componentRef("LocalizedLabels"),
            metaVersion: metaVersionSchema,
          }),
        },
      },
      errors: [404, 503],
    },
    (c, { params: { entity } }) => {
      const meta = c.var.company.meta;
      const def = own(meta.entities, entity);
      if (!def) throw ApiError.notFound(unknownEntity(entity));
      const uses = fieldUses(meta.entities, entity);
      return c.json({
        key: entity,
        module: def.entity.module,
        titleField: def.entity.titleField,
        fields: Object.entries(def.entity.fields).map(([key, definition]) => ({
          key,
          base: isBaseField(deps, entity, key),
          definition,
          uses: uses[key] ?? [],
        })),
        sections: (def.form["ui:sections"] ?? []).map((s) => s.key),
        labels: def.labels,
        metaVersion: meta.hash.slice(0, 16),
      });
    },
  );

  routes.route(
    "PATCH",
    "/labels",
    {
      policy: "admin",
      operationId: "changeModuleLabels",
      summary: "Rename modules, per locale",
      description:
        "A metadata version: audited, live from the next request on, undone by rollback.",
      tags,
      body: moduleLabelsChange,
      responses: {
        200: {
          description: "Every module's labels after the change.",
          schema: Type.Object({
            modules: Type.Array(Type.Object({ key: Type.String(), labels: localizedText })),
            metaVersion: metaVersionSchema,
          }),
        },
      },
      errors: [409, 503],
    },
    async (c, { body }) => {
      const change = body as Partial<Record<Locale, { modules: Record<string, string> }>>;
      const known = new Set(c.var.company.meta.modules.modules.map((m) => m.key));
      const problems = Object.entries(change).flatMap(([l, labels]) =>
        Object.keys(labels!.modules)
          .filter((m) => !known.has(m))
          .map((m) => ({
            field: `${l}.modules.${m.slice(0, 40)}`,
            rule: "module",
            message: tr('unknown module "{module}"', { module: m.slice(0, 40) }),
          })),
      );
      if (problems.length > 0) throw ApiError.invalidRequest(problems);
      const meta = await writeOverlay(deps, c, "change module labels", (overlay) => {
        for (const [l, labels] of Object.entries(change) as [Locale, { modules: object }][]) {
          overlay.labels ??= {};
          const current = (overlay.labels[l] ??= {});
          current.modules = { ...current.modules, ...labels.modules };
        }
        return overlay;
      });
      return c.json({
        modules: meta.modules.modules.map((m) => ({
          key: m.key,
          labels: Object.fromEntries(
            locales.map((l) => [l, meta.labels[l].modules?.[m.key] ?? m.key]),
          ),
        })),
        metaVersion: meta.hash.slice(0, 16),
      });
    },
  );
}

/** A field of the base metadata (or a plugin's), as opposed to the company's own x_ fields. */
const isBaseField = (deps: CoreDeps, entity: string, field: string) =>
  Object.hasOwn(own(deps.base.entities, entity)?.entity.fields ?? {}, field);
