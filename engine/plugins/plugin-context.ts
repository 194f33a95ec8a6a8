import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { companyDb } from "./company-db.ts";
import type { PluginContext } from "./plugin-definition.ts";

/** What the engine lends a plugin's context: the effects to call and the queue to send to. */
export type PluginServices = Pick<ModuleDeps, "effects" | "jobs" | "now">;

/** Where one call of a plugin's code runs. */
export interface PluginCall {
  readonly company: CompanyContext;
  readonly actor: Actor | undefined;
  /** The engine handle it works over: the write's transaction in a hook, else the pool. */
  readonly target: Db;
  /** Its call's end (runPluginCode): the context's handle then runs nothing more. */
  readonly signal: AbortSignal;
  /** How long one of its statements may run. */
  readonly timeoutMs: number;
}

/**
 * A plugin's context for one call: in a hook the write's transaction
 * (effects and queued jobs then go in it too), in a route or a job the pool
 * (an effect then gets a transaction of its own).
 */
export function pluginContext(
  plugin: string,
  services: PluginServices,
  { company, actor, target, signal, timeoutMs }: PluginCall,
): PluginContext {
  return {
    company: { slug: company.slug, name: company.name, settings: company.settings },
    actor: actor && { userId: actor.userId },
    db: companyDb(target, { schema: company.schema, plugin, signal, timeoutMs }),
    now: services.now,
    allows: (entity, action) => company.policy.allows(entity, action),
    requireAction: (entity, action) => company.policy.requireAction(company, entity, action),
    effect: (name, params) =>
      signal.aborted
        ? Promise.reject(signal.reason as Error)
        : target.isTransaction
          ? services.effects.call(name, { tx: target, company, actor }, params)
          : target
              .transaction()
              .execute((tx) => services.effects.call(name, { tx, company, actor }, params)),
    // In a write's transaction the job is queued in it: it runs only if the write commits.
    sendJob: async (name, data = {}, options = {}) => {
      signal.throwIfAborted();
      await services.jobs.send(company.slug, `${plugin}.${name}`, data, {
        ...(options.key === undefined ? {} : { key: String(options.key).slice(0, 200) }),
        ...(target.isTransaction ? { tx: target } : {}),
      });
    },
  };
}
