import { sql } from "kysely";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { MetadataInvalidError, problemsText } from "../metadata/metadata-error.ts";
import type { BaseMetadata, EffectiveMetadata } from "../metadata/metadata-types.ts";
import { RecordValidators } from "../http/record-validator.ts";
import { syncCompanySchema, syncedMark, type SyncOptions } from "../sync/sync-company-schema.ts";
import { analyzeAddedColumns } from "../sync/analyze-added-columns.ts";
import { indexBuilder } from "../sync/index-builder.ts";
import { concurrentDdl } from "../db/concurrent-ddl.ts";
import type { CompanyContext } from "./company-context.ts";
import { applyMigrations, MigrationMismatchError } from "../modules/apply-migrations.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import type { CompanySettings } from "./company-settings.ts";
import { defaultCompanyContexts } from "./context-capacity.ts";
import { checkSlug } from "./company-slug.ts";
import { unrestrictedPolicy } from "./record-policy.ts";
import { tr } from "../i18n/text.ts";
import { switchedOff, withoutModules } from "../modules/module-switches.ts";
import { checkModuleMenus } from "../modules/check-module-menus.ts";
import { systemTables, platformTables } from "../db/system-tables.ts";
import { FillingEntities } from "../search-index/filling-entities.ts";
import { TokenStats } from "../search-index/token-stats.ts";
import { unfilledEntities } from "../search-index/search-fill-table.ts";
import { fillingDuplicates } from "../duplicate-keys/sync-duplicate-keys.ts";

interface CompanyRow {
  slug: string;
  schema_name: string;
  name: string;
  settings: CompanySettings;
}

/**
 * Effective metadata per company, cached in the process and invalidated
 * through the database: every request learns the company's overlay head
 * (with its session), and a head this process has not seen is loaded, merged
 * and synced before the request goes on. Several engine processes therefore
 * agree without talking to each other.
 *
 * At most `capacity` contexts are kept, the least recently used dropped
 * first: a context (its metadata, and what is derived from it and kept with
 * it — restricted views, OpenAPI documents, validators) costs what
 * `npm run bench:list-memory` prints, and a process may host more companies
 * than it has memory for.
 * A dropped company is loaded again by its next request, as after a
 * metadata change.
 */
export class CompanyContexts {
  readonly #rows = new Map<string, CompanyRow>();
  readonly #cache = new Map<string, { head: number; context: CompanyContext }>();
  readonly #loading = new Map<string, Promise<CompanyContext>>();
  /** Companies whose migrations this process has applied or found applied. */
  readonly #migrated = new Set<string>();

  constructor(
    private readonly db: Db,
    private readonly base: BaseMetadata,
    private readonly modules: ModuleSet,
    private readonly capacity = defaultCompanyContexts,
    /** Called with each company loaded while its search data or duplicate keys are being filled: queues the fills' jobs. */
    private readonly onFilling: (slug: string) => void = () => {},
  ) {
    checkModuleMenus(modules, base);
  }

  /**
   * The registry row of a company, or undefined for a slug that names none.
   * Rows found are kept: a company's slug, schema and settings never change
   * once created, and every request starts here. Misses are not kept, since
   * another process may create the company next.
   */
  async find(slug: string): Promise<CompanyRow | undefined> {
    if (checkSlug(slug) !== undefined) return undefined;
    const known = this.#rows.get(slug);
    if (known) return known;
    const row = await platformTables(this.db)
      .selectFrom("company")
      .select(["slug", "schema_name", "name", "settings"])
      .where("slug", "=", slug)
      .executeTakeFirst();
    if (row) this.#rows.set(slug, row);
    return row;
  }

  /**
   * Makes sure this process has loaded the company once, which brings its
   * system tables up to date: statements that run before the context is
   * needed (the session's) may then rely on every table and column.
   */
  async ready(company: CompanyRow): Promise<void> {
    if (!this.#cache.has(company.slug)) await this.get(company);
  }

  /** The company's context at overlay head `head` (read from the database when not given). */
  async get(company: CompanyRow, head?: number): Promise<CompanyContext> {
    const cached = this.#cache.get(company.slug);
    if (cached && (head === undefined || cached.head === head)) {
      // Most recently used last: a Map keeps insertion order, so the first entry is dropped first.
      this.#cache.delete(company.slug);
      this.#cache.set(company.slug, cached);
      cached.context.searchFilling.recheck(this.db, company.schema_name);
      return cached.context;
    }
    let pending = this.#loading.get(company.slug);
    if (!pending) {
      pending = this.#load(company).finally(() => this.#loading.delete(company.slug));
      this.#loading.set(company.slug, pending);
    }
    return pending;
  }

  /** Forgets a company's cached context, so that the next request reloads it. */
  invalidate(slug: string): void {
    this.#cache.delete(slug);
  }

  async #load(company: CompanyRow): Promise<CompanyContext> {
    const schema = company.schema_name;
    const fieldContext = { currencyDecimals: company.settings.currencyDecimals };
    try {
      const {
        head,
        meta: whole,
        error,
        synced,
        unfilled,
        keying,
      } = await this.db.transaction().execute(async (tx) => {
        await sql`select pg_advisory_xact_lock(hashtext(${schema}))`.execute(tx);
        // Once per process: a newer engine's migrations arrive with a restart, not mid-run.
        if (!this.#migrated.has(company.slug))
          await applyMigrations(tx, schema, this.modules, "company");
        const loaded = await loadEffective(tx, schema, this.base, fieldContext, {
          concurrent: concurrentDdl(this.db),
        });
        const unfilled = await unfilledEntities(tx, schema);
        return { ...loaded, unfilled, keying: await fillingDuplicates(tx, schema) };
      });
      if (synced) analyzeAddedColumns(this.db, schema, synced);
      // Also finishes the builds a process stopped mid-way, or that another process left.
      if (concurrentDdl(this.db)) indexBuilder(this.db).request(schema, whole, false);
      // The schema keeps every module's tables; the company works without those it switched off.
      const modulesOff = switchedOff(whole, this.modules);
      const meta = withoutModules(whole, modulesOff, this.modules);
      // Entities of modules switched off are filled once they are on again (search/search-fill-job.ts).
      const filling = [...unfilled].filter((entity) => meta.entities[entity]);
      // Duplicate keys are filled by a job of their own (duplicates/duplicate-fill-job.ts).
      if (filling.length > 0 || keying.some((entity) => meta.entities[entity]))
        this.onFilling(company.slug);
      const context: CompanyContext = {
        slug: company.slug,
        schema,
        name: company.name,
        settings: company.settings,
        fieldContext,
        meta,
        validators: new RecordValidators(meta.entities, fieldContext),
        metadataError: error,
        policy: unrestrictedPolicy,
        modulesOff,
        searchFilling: new FillingEntities(filling),
        searchTokens: new TokenStats(this.db, company.schema_name),
      };
      this.#migrated.add(company.slug);
      this.#cache.delete(company.slug);
      this.#cache.set(company.slug, { head, context });
      if (this.#cache.size > this.capacity) this.#cache.delete(this.#cache.keys().next().value!);
      return context;
    } catch (err) {
      if (err instanceof ApiError) throw err;
      console.error(
        `company ${company.slug}: its schema could not be brought up to date: ${describeFailure(err)}`,
      );
      throw ApiError.unavailable(
        tr(
          'company "{company}" cannot serve right now: its database schema could not be brought up to date',
          { company: company.slug },
        ),
      );
    }
  }
}

async function loadEffective(
  tx: Db,
  schema: string,
  base: BaseMetadata,
  fieldContext: { currencyDecimals: number },
  options: SyncOptions,
) {
  const state = await systemTables(tx, schema)
    .selectFrom("sys_meta_state")
    .selectAll()
    .where("id", "=", 1)
    .executeTakeFirstOrThrow();
  const { overlay } = await systemTables(tx, schema)
    .selectFrom("sys_meta_version")
    .select("overlay")
    .where("version", "=", state.head)
    .executeTakeFirstOrThrow();

  let meta: EffectiveMetadata;
  try {
    meta = applyOverlay(base, overlay, state.head);
  } catch (err) {
    if (!(err instanceof MetadataInvalidError)) throw err;
    // The base changed under this company's overlay: keep serving its last good metadata.
    if (!state.good_metadata)
      throw ApiError.unavailable(
        tr("company metadata is invalid and no earlier version works: {problems}", {
          problems: problemsText(err.problems),
        }),
      );
    if (state.error !== err.message) {
      await systemTables(tx, schema)
        .updateTable("sys_meta_state")
        .set({ error: err.message })
        .where("id", "=", 1)
        .execute();
    }
    return { head: state.head, meta: state.good_metadata, error: err.message };
  }
  const synced =
    syncedMark(meta.hash) !== state.synced_hash
      ? await syncCompanySchema(tx, schema, meta, fieldContext, options)
      : undefined;
  if (syncedMark(meta.hash) !== state.synced_hash || state.error !== null) {
    await systemTables(tx, schema)
      .updateTable("sys_meta_state")
      .set({
        synced_hash: syncedMark(meta.hash),
        good_hash: meta.hash,
        good_metadata: JSON.stringify(meta),
        error: null,
      })
      .where("id", "=", 1)
      .execute();
  }
  return { head: state.head, meta, error: undefined, synced };
}

/**
 * A database refusal (it carries a SQLSTATE) or a schema migrated by a newer
 * engine is the whole story in one line; a driver's stack adds nothing.
 * Anything else is a bug, whose stack is needed.
 */
function describeFailure(err: unknown): string {
  if (err instanceof MigrationMismatchError) return err.message;
  const code = (err as { code?: unknown } | null)?.code;
  if (err instanceof Error && typeof code === "string") return `${err.message} (SQLSTATE ${code})`;
  return err instanceof Error ? (err.stack ?? err.message) : String(err);
}
