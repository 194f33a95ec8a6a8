import { sql } from "kysely";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { Routes } from "../http/routes.ts";
import { readJsonObject } from "../http/read-json.ts";
import { locales } from "../metadata/metadata-types.ts";
import type {
  CompanyOverlay,
  EntityOverlay,
  FieldPatch,
  Labels,
} from "../../metadata/types.gen.ts";
import { writeOverlay } from "./overlay-writer.ts";
import { own } from "../metadata/own-key.ts";
import { columnRoom, maxColumns, type ColumnRoom } from "../sync/column-room.ts";
import { tr } from "../i18n/text.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { systemTables } from "../db/system-tables.ts";

const noOverlayVersion = (version: string) => tr("no overlay version {version}", { version });
const unknownLocale = (locale: string) =>
  tr('unknown locale "{locale}": use {locales}', {
    locale: locale.slice(0, 20),
    locales: locales.join(", "),
  });

const customKey = /^x_[a-z][a-z0-9_]{0,45}$/;
/** Overlay versions are PostgreSQL integers; a number beyond names no version and must not reach SQL. */
const maxVersion = 2 ** 31 - 1;
const isVersion = (value: unknown): value is number =>
  typeof value === "number" && Number.isInteger(value) && value >= 0 && value <= maxVersion;

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

  routes.get("/metadata", "admin", async (c) => {
    const { company } = c.var;
    const versions = await systemTables(deps.database.db, company.schema)
      .selectFrom("sys_meta_version as v")
      .leftJoin("sys_user as u", "u.id", "v.created_by")
      .select(["v.version", "v.note", "v.created_at as createdAt", "u.username as createdBy"])
      .orderBy("v.version", "desc")
      .execute();
    return c.json({
      head: company.meta.overlayVersion,
      metaVersion: company.meta.hash.slice(0, 16),
      error: company.metadataError ?? null,
      versions,
    });
  });

  routes.get("/metadata/versions/:version{[0-9]+}", "admin", async (c) => {
    const version = Number(c.req.param("version")!);
    const row = isVersion(version)
      ? await systemTables(deps.database.db, c.var.company.schema)
          .selectFrom("sys_meta_version")
          .select(["version", "note", "overlay"])
          .where("version", "=", version)
          .executeTakeFirst()
      : undefined;
    if (!row) throw ApiError.notFound(noOverlayVersion(c.req.param("version")!.slice(0, 20)));
    return c.json(row);
  });

  routes.post("/entities/:entity/fields", "admin", async (c) => {
    const entity = c.req.param("entity")!;
    requireEntity(c, entity);
    const { key, labels, ...field } = await readJsonObject(c);
    if (typeof key !== "string" || !customKey.test(key)) {
      throw ApiError.invalidRequest([
        {
          field: "key",
          rule: "pattern",
          message: tr(
            "a custom field key starts with x_ followed by lower-case letters, digits or _ (for example x_wechat)",
          ),
        },
      ]);
    }
    const meta = await writeOverlay(deps, c, `add field ${entity}.${key}`, async (overlay, tx) => {
      const used =
        await sql`select 1 from information_schema.columns where table_schema = ${c.var.company.schema} and table_name = ${entity} and column_name = ${key}`.execute(
          tx,
        );
      if (used.rows.length > 0 || own(c.var.company.meta.entities[entity]!.entity.fields, key)) {
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
      const room = await columnRoom(tx, c.var.company.schema, entity);
      if (room.left < 1) throw noColumnLeft(entity, room);
      const eo = entityOf(overlay, entity);
      eo.fields = { ...eo.fields, [key]: field as FieldPatch };
      applyFieldLabels(eo, key, labels);
      return overlay;
    });
    return c.json(
      {
        key,
        field: meta.entities[entity]!.entity.fields[key],
        metaVersion: meta.hash.slice(0, 16),
      },
      201,
    );
  });

  routes.patch("/entities/:entity/fields/:field", "admin", async (c) => {
    const entity = c.req.param("entity")!;
    const key = c.req.param("field")!;
    requireEntity(c, entity);
    const { labels, ...patch } = await readJsonObject(c);
    if (!own(c.var.company.meta.entities[entity]!.entity.fields, key))
      throw ApiError.notFound(
        tr('unknown field "{field}" of entity "{entity}"', { field: key, entity }),
      );
    const meta = await writeOverlay(deps, c, `change field ${entity}.${key}`, (overlay) => {
      const eo = entityOf(overlay, entity);
      eo.fields = { ...eo.fields, [key]: { ...eo.fields?.[key], ...(patch as FieldPatch) } };
      applyFieldLabels(eo, key, labels);
      return overlay;
    });
    return c.json({
      key,
      field: meta.entities[entity]!.entity.fields[key],
      metaVersion: meta.hash.slice(0, 16),
    });
  });

  routes.patch("/entities/:entity/labels", "admin", async (c) => {
    const entity = c.req.param("entity")!;
    requireEntity(c, entity);
    const body = await readJsonObject(c);
    for (const locale of Object.keys(body)) {
      if (!(locales as readonly string[]).includes(locale))
        throw ApiError.badRequest(unknownLocale(locale));
    }
    const meta = await writeOverlay(deps, c, `change labels of ${entity}`, (overlay) => {
      const eo = entityOf(overlay, entity);
      for (const [locale, patch] of Object.entries(body) as [(typeof locales)[number], Labels][]) {
        eo.labels ??= {};
        eo.labels[locale] = mergeSparse(eo.labels[locale] ?? {}, patch);
      }
      return overlay;
    });
    return c.json({ labels: meta.entities[entity]!.labels, metaVersion: meta.hash.slice(0, 16) });
  });

  routes.post("/metadata/rollback", "admin", async (c) => {
    const { version } = await readJsonObject(c);
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
  });
}

/** The 409 of a field that would take a table beyond PostgreSQL's column limit. */
function noColumnLeft(entity: string, room: ColumnRoom): ApiError {
  return ApiError.conflict(
    "too_many_columns",
    tr(
      "{entity} has {used} columns ({dropped} of them kept for deleted fields), the most a PostgreSQL table can hold: {left} columns remain, and a field needs 1",
      { entity, used: room.used, dropped: room.dropped, left: room.left },
    ),
    { used: room.used, dropped: room.dropped, left: room.left, max: maxColumns },
  );
}

/** `labels: {"zh-CN": "微信", "en": "WeChat"}` on a field request sets the field's label per locale. */
function applyFieldLabels(eo: EntityOverlay, key: string, labels: unknown): void {
  if (labels === undefined) return;
  if (!labels || typeof labels !== "object")
    throw ApiError.badRequest(
      tr("labels must be an object such as {example}", {
        example: '{"zh-CN": "微信", "en": "WeChat"}',
      }),
    );
  for (const [locale, text] of Object.entries(labels)) {
    if (!(locales as readonly string[]).includes(locale))
      throw ApiError.badRequest(unknownLocale(locale));
    eo.labels ??= {};
    const l = (eo.labels[locale as (typeof locales)[number]] ??= {});
    l.fields = { ...l.fields, [key]: text as string };
  }
}

/** Deep merge of plain objects, for sparse label patches. */
function mergeSparse<T extends object>(base: T, patch: T): T {
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(patch)) {
    const b = out[k];
    out[k] =
      v && typeof v === "object" && !Array.isArray(v) && b && typeof b === "object"
        ? mergeSparse(b as object, v as object)
        : v;
  }
  return out as T;
}
