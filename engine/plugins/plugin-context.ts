import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { companyDb } from "./company-db.ts";
import type { PluginContext } from "./plugin-definition.ts";

/** What the engine lends a plugin's context: the effects to call and the queue to send to. */
export type PluginServices = Pick<ModuleDeps, "effects" | "jobs" | "now">;

/**
 * A plugin's context for one company and one actor over an engine handle:
 * the write's transaction in a hook (effects then run in it too), the pool
 * in a route or a job (an effect then gets a transaction of its own).
 */
export function pluginContext(
  plugin: string,
  services: PluginServices,
  company: CompanyContext,
  actor: Actor | undefined,
  target: Db,
): PluginContext {
  return {
    company: { slug: company.slug, name: company.name, settings: company.settings },
    actor: actor && { userId: actor.userId },
    db: companyDb(target, { schema: company.schema, plugin }),
    now: services.now,
    effect: (name, params) =>
      target.isTransaction
        ? services.effects.call(name, { tx: target, company, actor }, params)
        : target
            .transaction()
            .execute((tx) => services.effects.call(name, { tx, company, actor }, params)),
    // In a write's transaction the job is queued in it: it runs only if the write commits.
    sendJob: async (name, data = {}, options = {}) => {
      await services.jobs.send(company.slug, `${plugin}.${name}`, data, {
        ...options,
        ...(target.isTransaction ? { tx: target } : {}),
      });
    },
  };
}
