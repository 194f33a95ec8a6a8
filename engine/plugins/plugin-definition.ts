import type { Static, TSchema } from "@sinclair/typebox";
import type { Context } from "hono";
import type { CompanySettings } from "../companies/company-settings.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { Method } from "../http/routes.ts";
import type { RouteInput, RouteSpec } from "../http/route-spec.ts";
import type { Text } from "../i18n/text.ts";
import type { PermissionAction } from "../modules/engine-module.ts";
import type { RecordJson } from "../query/record-json.ts";
import type { CompanyDb } from "./company-db.ts";

/** The company a plugin works for, as far as a plugin needs to know it. */
export interface PluginCompany {
  readonly slug: string;
  readonly name: string;
  readonly settings: Readonly<CompanySettings>;
}

/**
 * What a plugin's code is given wherever it runs: the company, who acts,
 * and a handle on that company's tables only (company-db.ts). No pool, no
 * other company: isolation is in what the context holds.
 */
export interface PluginContext {
  readonly company: PluginCompany;
  /** The user whose request this is; absent in a job, which runs as the company itself. */
  readonly actor: { readonly userId: string } | undefined;
  /**
   * The company's tables through the query builder. In a hook it is the
   * record write's transaction; elsewhere `db.transaction()` opens one.
   */
  readonly db: CompanyDb;
  readonly now: () => Date;
  /**
   * Whether the acting user's roles let them do `action` (\`read\`, \`create\`,
   * a plugin's own permission action…) with an entity's records; a job,
   * acting as the company, may do anything.
   */
  allows(entity: string, action: string): boolean;
  /** The same, as the 403 the user gets (naming the action and the entity) when they may not. */
  requireAction(entity: string, action: string): void;
  /** Calls an effect of any module that is on for the company, in this context's transaction when it has one. */
  effect(name: string, params: unknown): Promise<unknown>;
  /**
   * Queues one of this plugin's jobs for the company; in a hook or an effect
   * it is queued in the caller's transaction, so it runs only once that commits.
   */
  sendJob(name: string, data?: Record<string, unknown>, options?: { key?: string }): Promise<void>;
}

/** Before a create or an update: change `values` to change what is written. */
export interface PluginBeforeWrite<V = Record<string, unknown>> extends PluginContext {
  readonly entity: string;
  readonly values: Partial<V> & Record<string, unknown>;
  /** The record as it is, for an update. */
  readonly before?: RecordJson;
}

/** After a write, in its transaction: a failure here undoes the write. */
export interface PluginAfterWrite<R = RecordJson> extends PluginContext {
  readonly entity: string;
  /** The record as written (as it was, for a delete). */
  readonly record: R;
  readonly before?: R;
}

/** A plugin's hooks around one entity's record writes (engine/records/record-hooks.ts). */
export interface PluginRecordHooks {
  readonly entity: string;
  beforeCreate?(event: PluginBeforeWrite): void | Promise<void>;
  afterCreate?(event: PluginAfterWrite): Promise<void>;
  beforeUpdate?(event: PluginBeforeWrite & { readonly before: RecordJson }): void | Promise<void>;
  afterUpdate?(event: PluginAfterWrite & { readonly before: RecordJson }): Promise<void>;
  beforeDelete?(event: PluginAfterWrite): void | Promise<void>;
  afterDelete?(event: PluginAfterWrite): Promise<void>;
}

/** A plugin's route handler: the request, its validated input, and the plugin's context for it. */
export type PluginHandler<S extends RouteSpec> = (
  c: Context<AppEnv>,
  input: RouteInput<S>,
  ctx: PluginContext,
) => Response | Promise<Response>;

/** Where a plugin declares its routes: all under `/api/x/<plugin>`, each with its schemas. */
export interface PluginRoutes {
  route<S extends RouteSpec>(
    method: Method,
    path: string,
    spec: S,
    handler: PluginHandler<S>,
  ): this;
}

/** A plugin's queued or scheduled work (engine/jobs/module-jobs.ts), run as the company. */
export interface PluginJob {
  readonly name: string;
  readonly cron?: string;
  readonly retryLimit?: number;
  readonly retryDelaySeconds?: number;
  readonly timeoutSeconds?: number;
  run(
    job: PluginContext & {
      readonly data: Readonly<Record<string, unknown>>;
      readonly retry: number;
    },
  ): Promise<void>;
}

/** An effect a plugin offers (engine/effects/module-effects.ts), run in its caller's transaction. */
export interface PluginEffect<P extends TSchema = TSchema> {
  readonly name: string;
  readonly description: Text;
  readonly params: P;
  run(ctx: PluginContext, params: Static<P>): Promise<unknown>;
}

/** One step of a plugin's own tables (`x_<plugin>_…`), applied once per company schema. */
export interface PluginMigration {
  readonly name: string;
  up(db: CompanyDb): Promise<void>;
}

/**
 * A plugin's server side, the default export of `plugins/<name>/server/index.ts`.
 * Its name, version, dependencies and menus are in its manifest (plugin.json).
 */
export interface PluginDefinition {
  readonly migrations?: readonly PluginMigration[];
  readonly hooks?: readonly PluginRecordHooks[];
  readonly routes?: (routes: PluginRoutes) => void;
  readonly jobs?: readonly PluginJob[];
  readonly effects?: readonly PluginEffect[];
  readonly permissionActions?: readonly PermissionAction[];
}

/** Types a plugin's server side; the definition is used as given. */
export const definePlugin = (definition: PluginDefinition): PluginDefinition => definition;

/** Types an effect with its parameters' schema, so that `run` gets them typed. */
export const defineEffect = <P extends TSchema>(effect: PluginEffect<P>): PluginEffect =>
  effect as unknown as PluginEffect;
