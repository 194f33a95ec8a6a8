import { Type } from "@sinclair/typebox";
import { appendAudit, auditOrigin } from "../audit/audit-log.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import type { Db } from "../db/database.ts";
import { systemTables } from "../db/system-tables.ts";
import { ApiError } from "../http/api-error.ts";
import type { Routes } from "../http/routes.ts";
import { tr } from "../i18n/text.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import { overlayChanges } from "./overlay-changes.ts";

const tags = ["admin"];
const versionParam = Type.Object({
  version: Type.Integer({ minimum: 0, description: "An overlay version number." }),
});
/** Overlay versions are PostgreSQL integers. */
const maxVersion = 2 ** 31 - 1;

/**
 * The history of a company's metadata as an admin reads it (Y9): what each
 * version changed against the one before, in words, and the admin's comment
 * on it. Going back is `POST /api/admin/metadata/rollback`.
 */
export function metadataHistoryRoutes(routes: Routes, deps: CoreDeps) {
  const overlayAt = async (db: Db, schema: string, version: number) =>
    version < 0 || version > maxVersion
      ? undefined
      : systemTables(db, schema)
          .selectFrom("sys_meta_version")
          .select("overlay")
          .where("version", "=", version)
          .executeTakeFirst();
  const noVersion = (version: number) =>
    ApiError.notFound(tr("no overlay version {version}", { version: String(version) }));
  // A version the base has since outgrown has no effective metadata: its overlay's own values show.
  const effective = (overlay: unknown, version: number): EffectiveMetadata | undefined => {
    try {
      return applyOverlay(deps.base, overlay, version);
    } catch {
      return undefined;
    }
  };

  routes.route(
    "GET",
    "/versions/:version{[0-9]+}/changes",
    {
      policy: "admin",
      operationId: "getOverlayVersionChanges",
      summary: "What an overlay version changed against the one before, in words",
      tags,
      params: versionParam,
      responses: {
        200: {
          description: "The changes, at most 300; `more` counts those left out.",
          schema: Type.Object({
            version: Type.Integer(),
            against: Type.Union([Type.Integer(), Type.Null()]),
            changes: Type.Array(
              Type.Object({
                path: Type.Array(Type.String()),
                kind: Type.Union([
                  Type.Literal("added"),
                  Type.Literal("removed"),
                  Type.Literal("changed"),
                ]),
                from: Type.Unknown(),
                to: Type.Unknown(),
                text: Type.String(),
              }),
            ),
            more: Type.Integer(),
          }),
        },
      },
      errors: [404, 503],
    },
    async (c, { params: { version } }) => {
      const { schema } = c.var.company;
      const db = deps.database.db;
      const newer = await overlayAt(db, schema, version);
      if (!newer) throw noVersion(version);
      const older = version > 0 ? await overlayAt(db, schema, version - 1) : undefined;
      const { changes, more } = overlayChanges(
        older?.overlay ?? {},
        newer.overlay,
        effective(older?.overlay ?? {}, version - 1),
        effective(newer.overlay, version),
      );
      return c.json({ version, against: older ? version - 1 : null, changes, more });
    },
  );

  routes.route(
    "PATCH",
    "/versions/:version{[0-9]+}",
    {
      policy: "admin",
      operationId: "commentOverlayVersion",
      summary: "Say in a comment why a version changed what it did",
      tags,
      params: versionParam,
      body: Type.Object(
        { comment: Type.String({ maxLength: 500, description: "Empty takes the comment away." }) },
        { additionalProperties: false },
      ),
      responses: {
        200: {
          description: "The comment stored.",
          schema: Type.Object({
            version: Type.Integer(),
            comment: Type.Union([Type.String(), Type.Null()]),
          }),
        },
      },
      errors: [404, 503],
    },
    async (c, { params: { version }, body }) => {
      const { company, session } = c.var;
      const comment = body.comment.trim() || null;
      await deps.database.db.transaction().execute(async (tx) => {
        const changed = await systemTables(tx, company.schema)
          .updateTable("sys_meta_version")
          .set({ comment })
          .where("version", "=", version > maxVersion ? -1 : version)
          .executeTakeFirst();
        if (changed.numUpdatedRows === 0n) throw noVersion(version);
        await appendAudit(tx, company.schema, deps.now(), auditOrigin(c, deps.trustProxy), [
          {
            action: "metadata_changed",
            actor: session.user,
            target: `comment on version ${version}`,
            detail: { version, comment },
          },
        ]);
      });
      return c.json({ version, comment });
    },
  );
}
