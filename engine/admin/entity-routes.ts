import { Type } from "@sinclair/typebox";
import { sql } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
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
      refusePluginKey(deps, key);
      refuseModule(c.var.company, definition.module);
      const meta = await writeOverlay(deps, c, `add entity ${key}`, async (overlay, tx) => {
        const made = Object.keys(overlay.customEntities ?? {});
        if (made.length >= maxCustomEntities)
          throw ApiError.conflict(
            "entity_limit",
            tr(
              "a company has at most {max} entities of its own, archived ones included ({archived} of them): archived keys are kept so that their tables and records can come back",
              {
                max: maxCustomEntities,
                archived: made.filter((k) => overlay.customEntities![k]!.archived).length,
              },
            ),
          );
        if (own(overlay.customEntities, key) || (await nameTaken(tx, c.var.company.schema, key)))
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
      if (body.module !== undefined) refuseModule(c.var.company, body.module);
      const meta = await writeOverlay(deps, c, `change entity ${entity}`, async (overlay, tx) => {
        const { archived, ...change } = body;
        if (change.module !== undefined)
          await refuseUngrantedModule(tx, c.var.company.schema, entity, change.module);
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

/** The overlay schema's bound on customEntities: keys are never freed, archived ones count. */
const maxCustomEntities = 200;

/** `x_<plugin>_…` belongs to that plugin, whose entities and fields are named so. */
function refusePluginKey(deps: CoreDeps, key: string): void {
  // Plugins are the modules a company switches on; they name what they add x_<plugin>_….
  const plugin = deps.modules.ordered.find(
    (m) => m.offUntilSwitchedOn && key.startsWith(`x_${m.key}_`),
  );
  if (plugin)
    throw ApiError.invalidRequest([
      {
        field: "key",
        rule: "reserved",
        message: tr('keys starting with "x_{module}_" belong to the {module} plugin', {
          module: plugin.key,
        }),
      },
    ]);
}

/** A module switched off for the company would hide the entity from every menu and screen. */
function refuseModule(company: CompanyContext, module: string): void {
  if (company.modulesOff.has(module))
    throw ApiError.conflict(
      "module_off",
      tr(
        "module {module} is switched off for this company: switch it on first, or choose another",
        {
          module,
        },
      ),
    );
}

/** Roles that grant the entity but do not show the new module would lose it: the admin decides first. */
async function refuseUngrantedModule(
  tx: Db,
  schema: string,
  entity: string,
  module: string,
): Promise<void> {
  const { rows } = await sql<{ key: string }>`select "key" from ${sql.id(schema, roleTable)}
    where "permissions" -> 'entities' ? ${entity}
    and not coalesce("permissions" -> 'modules', '[]'::jsonb) ? ${module}
    order by "key"`.execute(tx);
  if (rows.length > 0)
    throw ApiError.conflict(
      "entity_granted",
      tr(
        "roles grant {entity} but do not show module {module}: {roles}; add the module to them first",
        { entity, module, roles: rows.map((r) => r.key).join(", ") },
      ),
      { roles: rows.map((r) => r.key) },
    );
}

/** The overlay's definition of a company's own entity, archived or not; 404 or 409 otherwise. */
function customEntity(meta: EffectiveMetadata, overlay: CompanyOverlay, key: string): CustomEntity {
  const custom = own(overlay.customEntities, key);
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

/** Tables, indexes and constraints' indexes share one namespace per schema: any of them takes the name. */
async function nameTaken(tx: Db, schema: string, name: string): Promise<boolean> {
  const { rows } = await sql`select 1 from pg_catalog.pg_class c
    join pg_catalog.pg_namespace n on n.oid = c.relnamespace
    where n.nspname = ${schema} and c.relname = ${name}`.execute(tx);
  return rows.length > 0;
}
