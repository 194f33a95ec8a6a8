import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import type { CoreDeps } from "../companies/core-deps.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { metaVersionSchema } from "../http/common-schemas.ts";
import type { Routes } from "../http/routes.ts";
import { withProblemText } from "../http/problem-text.ts";
import { tr } from "../i18n/text.ts";
import { locales, type EffectiveMetadata } from "../metadata/metadata-types.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";
import { roleTable } from "../org/role-tables.ts";
import type { CompanyOverlay, CustomEntity, FieldMetadata } from "../../metadata/types.gen.ts";
import { writeOverlay } from "./overlay-writer.ts";

const tags = ["admin"];

/** Enough to say how many records keep an entity in use; counting further would only take longer. */
const countLimit = 100_000;

const entityKeyShape = withProblemText(Type.String({ pattern: "^x_[a-z][a-z0-9_]{0,37}$" }), () =>
  tr(
    "a company's own entity key starts with x_ followed by lower-case letters, digits or _ (for example x_competitor), at most 40 characters",
  ),
);
const entityLabels = Type.Object(
  Object.fromEntries(
    locales.map((l) => [
      l,
      Type.Object(
        {
          entity: Type.String({ minLength: 1, maxLength: 200 }),
          plural: Type.String({ minLength: 1, maxLength: 200 }),
        },
        { additionalProperties: true },
      ),
    ]),
  ),
  { additionalProperties: false, description: "Its names and its fields' labels, per locale." },
);
const entityChanged = Type.Object({ key: Type.String(), metaVersion: metaVersionSchema });

/**
 * A company's own entities (x_…): created, changed, archived and brought
 * back by its admin, each a new overlay version. An entity's fields and labels
 * change through the field and label routes like a base entity's.
 */
export function entityRoutes(routes: Routes, deps: CoreDeps) {
  routes.route(
    "POST",
    "",
    {
      policy: "admin",
      operationId: "addEntity",
      summary: "Create a company's own entity (x_…) with its table, menu entry, form and list",
      tags,
      body: Type.Object(
        {
          key: entityKeyShape,
          module: Type.String({ description: "The module whose menu shows it." }),
          titleField: Type.String({ description: "The field that names a record." }),
          fields: Type.Object(
            {},
            {
              additionalProperties: true,
              description: "Field key → definition, as in entity.json.",
            },
          ),
          labels: entityLabels,
        },
        { additionalProperties: false },
      ),
      responses: {
        201: { description: "Live from the next request on.", schema: entityChanged },
      },
      errors: [409, 503],
    },
    async (c, { body }) => {
      const { key, labels, ...definition } = body;
      const meta = await writeOverlay(deps, c, `add entity ${key}`, async (overlay, tx) => {
        if (overlay.customEntities?.[key] || (await tableExists(tx, c.var.company.schema, key)))
          throw ApiError.conflict(
            "key_used",
            tr('the entity key "{key}" was already used; a key is never reused, choose another', {
              key,
            }),
          );
        overlay.customEntities = {
          ...overlay.customEntities,
          [key]: {
            ...definition,
            fields: definition.fields as Record<string, FieldMetadata>,
          },
        };
        overlay.entities = { ...overlay.entities, [key]: { labels } };
        return overlay;
      });
      return c.json({ key, metaVersion: meta.hash.slice(0, 16) }, 201);
    },
  );

  routes.route(
    "PATCH",
    "/:entity",
    {
      policy: "admin",
      operationId: "changeEntity",
      summary:
        "Move a company's own entity to another module, change its title field, or bring it back from the archive",
      tags,
      params: Type.Object({ entity: Type.String({ description: "The entity's key." }) }),
      body: Type.Object(
        {
          module: Type.Optional(Type.String()),
          titleField: Type.Optional(Type.String()),
          archived: Type.Optional(
            Type.Literal(false, { description: "false brings an archived entity back." }),
          ),
        },
        { additionalProperties: false },
      ),
      responses: {
        200: { description: "Live from the next request on.", schema: entityChanged },
      },
      errors: [404, 409, 503],
    },
    async (c, { params: { entity }, body }) => {
      const meta = await writeOverlay(deps, c, `change entity ${entity}`, (overlay) => {
        const { archived, ...change } = body;
        const next: CustomEntity = {
          ...customEntity(c.var.company.meta, overlay, entity),
          ...change,
        };
        if (archived === false) delete next.archived;
        overlay.customEntities![entity] = next;
        return overlay;
      });
      return c.json({ key: entity, metaVersion: meta.hash.slice(0, 16) });
    },
  );

  routes.route(
    "DELETE",
    "/:entity",
    {
      policy: "admin",
      operationId: "archiveEntity",
      summary:
        "Archive a company's own entity that holds no records: out of menus and the API, its table kept",
      tags,
      params: Type.Object({ entity: Type.String({ description: "The entity's key." }) }),
      responses: {
        200: { description: "Live from the next request on.", schema: entityChanged },
      },
      errors: [404, 409, 503],
    },
    async (c, { params: { entity } }) => {
      const { company } = c.var;
      const meta = await writeOverlay(deps, c, `archive entity ${entity}`, async (overlay, tx) => {
        const custom = customEntity(company.meta, overlay, entity);
        if (custom.archived) return overlay;
        await refuseInUse(tx, company.schema, company.meta, entity);
        overlay.customEntities![entity] = { ...custom, archived: true };
        return overlay;
      });
      return c.json({ key: entity, metaVersion: meta.hash.slice(0, 16) });
    },
  );
}

/** The overlay's definition of a company's own entity, archived or not; 404 or 409 otherwise. */
function customEntity(meta: EffectiveMetadata, overlay: CompanyOverlay, key: string): CustomEntity {
  const custom = overlay.customEntities?.[key];
  if (custom) return custom;
  if (own(meta.entities, key))
    throw ApiError.conflict(
      "base_entity",
      tr(
        'entity "{entity}" comes with the product or a plugin: it can be relabelled and given fields, but not archived or moved',
        { entity: key },
      ),
    );
  throw ApiError.notFound(unknownEntity(key));
}

/** Refuses to archive an entity that still holds records, is referred to, or is granted by a role. */
async function refuseInUse(
  tx: Db,
  schema: string,
  meta: EffectiveMetadata,
  entity: string,
): Promise<void> {
  const { rows } = await sql<{ n: number }>`select count(*)::int as n from (select 1 from ${sql.id(
    schema,
    entity,
  )} limit ${countLimit}) r`.execute(tx);
  const records = rows[0]!.n;
  if (records > 0)
    throw ApiError.conflict(
      "entity_has_records",
      records >= countLimit
        ? tr("{entity} holds more than {count} records: delete them before archiving it", {
            entity,
            count: countLimit - 1,
          })
        : tr("{entity} holds {count} records: delete them before archiving it", {
            entity,
            count: records,
          }),
      { records },
    );
  const referring = Object.entries(meta.entities).flatMap(([key, def]) =>
    key === entity
      ? []
      : Object.entries(def.entity.fields)
          .filter(([, f]) => f.entity === entity)
          .map(([name]) => `${key}.${name}`),
  );
  if (referring.length > 0)
    throw ApiError.conflict(
      "entity_referenced",
      tr("fields of other entities refer to {entity}: {fields}", {
        entity,
        fields: referring.join(", "),
      }),
      { fields: referring },
    );
  const granting = await sql<{ key: string }>`select "key" from ${sql.id(schema, roleTable)}
    where "permissions" -> 'entities' ? ${entity} order by "key"`.execute(tx);
  if (granting.rows.length > 0)
    throw ApiError.conflict(
      "entity_granted",
      tr("roles grant {entity}: {roles}; take it out of them before archiving it", {
        entity,
        roles: granting.rows.map((r) => r.key).join(", "),
      }),
      { roles: granting.rows.map((r) => r.key) },
    );
}

async function tableExists(tx: Db, schema: string, table: string): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_catalog.pg_tables
    where schemaname = ${schema} and tablename = ${table}`.execute(tx);
  return rows.length > 0;
}
