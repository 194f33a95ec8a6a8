import { sql } from "kysely";
import type { Context } from "hono";
import { appendAudit, auditOrigin, type AuditOrigin } from "../audit/audit-log.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { MetadataInvalidError, problemsText } from "../metadata/metadata-error.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import type { CompanyOverlay } from "../../metadata/types.gen.ts";
import type { Db } from "../db/database.ts";
import { hashJson } from "../metadata/hash-json.ts";
import { storageChanges } from "../metadata/storage-changes.ts";
import { syncCompanySchema, syncedMark, type SyncReport } from "../sync/sync-company-schema.ts";
import { analyzeAddedColumns } from "../sync/analyze-added-columns.ts";
import { indexBuilder } from "../sync/index-builder.ts";
import { concurrentDdl } from "../db/concurrent-ddl.ts";
import { tr } from "../i18n/text.ts";
import { systemTables } from "../db/system-tables.ts";
import { busyTable, limitLockWaits } from "./busy-table.ts";
import { refuseLostOptions } from "./held-options.ts";
import { refuseStoredTypes } from "./stored-types.ts";
import { convertFields, planTypeChanges, type TypeChangePlan } from "./type-change.ts";

export type OverlayChange = (
  overlay: CompanyOverlay,
  tx: Db,
) => Promise<CompanyOverlay> | CompanyOverlay;

/** Who changes a company's metadata, for its version and the audit trail. */
export interface OverlayAuthor {
  company: CompanyContext;
  /** A company user; none for the platform's CLI. */
  user: { id: string; username: string } | undefined;
  origin: AuditOrigin;
}

/** A request's author: its session's user, from its address. */
export const requestAuthor = (c: Context<AppEnv>, trustProxy: number): OverlayAuthor => ({
  company: c.var.company,
  user: c.var.session.user,
  origin: auditOrigin(c, trustProxy),
});

/** What a request changes: `writeOverlayBy` with the request's author. */
export function writeOverlay(
  deps: CoreDeps,
  c: Context<AppEnv>,
  note: string,
  change: OverlayChange,
): Promise<EffectiveMetadata> {
  return writeOverlayBy(deps, requestAuthor(c, deps.trustProxy), note, change);
}

/** The most a company's overlay may take, serialised: 200 entities of 100 fields fit in it. */
const maxOverlayBytes = 4 * 1024 * 1024;

/**
 * Writes a company's next overlay version: the change is applied to the head
 * overlay, the result validated against the base, appended as a new version,
 * made head, and the schema synced, all in one transaction (a big table's
 * indexes are built after it, index-builder.ts). Invalid results
 * are refused with 400 naming each problem; nothing is written then. The
 * change is audited in the same transaction, with the overlay before and after.
 * A table too busy to change makes it a 503 (busy-table.ts).
 */
export function writeOverlayBy(
  deps: CoreDeps,
  author: OverlayAuthor,
  note: string,
  change: OverlayChange,
): Promise<EffectiveMetadata> {
  return writeVersion(deps, author, note, change).catch((err: unknown) => {
    throw busyTable(err) ?? err;
  });
}

async function writeVersion(
  deps: CoreDeps,
  author: OverlayAuthor,
  note: string,
  change: OverlayChange,
): Promise<EffectiveMetadata> {
  const { company } = author;
  const userId = author.user?.id ?? null;
  const schema = company.schema;
  let synced: SyncReport | undefined;
  // A build holds its table's lock until it ends: this process's wait while the change runs.
  const builder = indexBuilder(deps.database.db);
  await builder.pause(schema);
  const changed = deps.database.db.transaction().execute(async (tx) => {
    await sql`select pg_advisory_xact_lock(hashtext(${schema}))`.execute(tx);
    await limitLockWaits(tx);
    const { head } = await systemTables(tx, schema)
      .selectFrom("sys_meta_state")
      .select("head")
      .where("id", "=", 1)
      .executeTakeFirstOrThrow();
    const { overlay } = await systemTables(tx, schema)
      .selectFrom("sys_meta_version")
      .select("overlay")
      .where("version", "=", head)
      .executeTakeFirstOrThrow();
    const next = await change(structuredClone(overlay), tx);
    if (hashJson(next) === hashJson(overlay)) return company.meta;
    // Every version keeps the whole overlay, and its audit entry the overlay before and after.
    const size = Buffer.byteLength(JSON.stringify(next));
    if (size > maxOverlayBytes)
      throw ApiError.conflict(
        "metadata_too_large",
        tr(
          "the company's metadata would take {size} KB, more than the {max} KB it may: archive or simplify something first",
          { size: Math.ceil(size / 1024), max: maxOverlayBytes / 1024 },
        ),
      );
    const version = head + 1;
    let effective: EffectiveMetadata;
    let retyped: TypeChangePlan;
    try {
      effective = applyOverlay(deps.base, next, version);
      const source = `overlay version ${version}`;
      retyped = planTypeChanges(company.meta, effective, deps.base, company.fieldContext, source);
      const changes = [
        ...retyped.problems,
        ...storageChanges(company.meta, effective, source).filter((p) => !retyped.covers(p)),
      ];
      if (changes.length > 0) throw new MetadataInvalidError(changes);
    } catch (err) {
      if (!(err instanceof MetadataInvalidError)) throw err;
      throw invalidChange(err);
    }
    await systemTables(tx, schema)
      .insertInto("sys_meta_version")
      .values({
        version,
        overlay: JSON.stringify(next),
        note,
        created_by: userId,
        created_at: deps.now(),
      })
      .execute();
    await appendAudit(tx, schema, deps.now(), author.origin, [
      {
        action: "metadata_changed",
        actor: author.user,
        target: note,
        detail: { version, before: overlay, after: next },
      },
    ]);
    await refuseLostOptions(tx, schema, company.meta, effective);
    await refuseStoredTypes(tx, schema, company.meta, effective, company.fieldContext);
    await convertFields(tx, schema, retyped.changes, company.fieldContext, version);
    await systemTables(tx, schema)
      .updateTable("sys_meta_state")
      .set({
        head: version,
        synced_hash: syncedMark(effective.hash),
        good_hash: effective.hash,
        good_metadata: JSON.stringify(effective),
        error: null,
      })
      .where("id", "=", 1)
      .execute();
    // Last: the locks it takes on the tables are held only until the commit.
    synced = await syncCompanySchema(tx, schema, effective, company.fieldContext, {
      concurrent: concurrentDdl(deps.database.db),
      before: company.meta,
    }).catch((err: unknown) => {
      throw existingDataConflict(err, effective) ?? err;
    });
    return effective;
  });
  const meta = await changed.finally(() => builder.resume(schema));
  deps.companies.invalidate(company.slug);
  // After the commit, in the background: the column's statistics, a big table's indexes.
  if (synced) analyzeAddedColumns(deps.database.db, schema, synced);
  if (synced && synced.deferred.length > 0) builder.request(schema, meta);
  return meta;
}

/** The 400 of a change that would make the metadata invalid, naming each problem. */
export function invalidChange(err: MetadataInvalidError): ApiError {
  return ApiError.badRequest(
    tr("the change would make the metadata invalid: {problems}", {
      problems: problemsText(err.problems),
    }),
    { problems: err.problems },
  );
}

/** A unique index that existing rows violate: the admin must make the values distinct first. */
function existingDataConflict(err: unknown, meta: EffectiveMetadata): ApiError | undefined {
  const { code, constraint } = err as { code?: string; constraint?: string };
  if (code !== "23505") return undefined;
  // Sync names unique indexes <entity>_<field>_key.
  const field = Object.entries(meta.entities)
    .flatMap(([key, def]) => Object.keys(def.entity.fields).map((f) => [`${key}_${f}_key`, f]))
    .find(([name]) => name === constraint)?.[1];
  return ApiError.conflict(
    "existing_duplicates",
    field
      ? tr(
          'existing records share a value in field "{field}"; make the values distinct before making it unique',
          { field },
        )
      : tr(
          "existing records share a value in a field made unique; make the values distinct before making it unique",
        ),
    field ? { field } : undefined,
  );
}
