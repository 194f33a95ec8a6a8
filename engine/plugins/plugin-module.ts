import { ApiError } from "../http/api-error.ts";
import { named, tr } from "../i18n/text.ts";
import type { RecordHooks } from "../records/record-hooks.ts";
import type { EngineModule, ModuleDeps } from "../modules/engine-module.ts";
import type { ModuleEffect } from "../effects/module-effects.ts";
import { defaultJobTimeoutSeconds, type ModuleJob } from "../jobs/module-jobs.ts";
import { companyDb } from "./company-db.ts";
import { pluginContext } from "./plugin-context.ts";
import type { PluginDefinition, PluginRecordHooks, PluginRoutes } from "./plugin-definition.ts";
import type { PluginManifest } from "./plugin-manifest.ts";
import { pluginCallTimeoutMs, runPluginCode } from "./run-plugin-code.ts";

/** How long a migration step of a plugin may run. */
const migrationTimeoutMs = 30 * 60_000;

declare module "../modules/engine-module.ts" {
  interface EngineModule {
    /**
     * It has screens of its own (`plugins/<key>/ui/index.tsx`): the UI loads
     * them, as a chunk of their own, for the companies that have it on.
     */
    readonly uiContributions?: boolean;
  }
}

const stages = [
  "beforeCreate",
  "afterCreate",
  "beforeUpdate",
  "afterUpdate",
  "beforeDelete",
  "afterDelete",
] as const;

/**
 * A plugin as the engine runs it: an engine module, switched off in every
 * company until its admin switches it on, whose code is only ever handed a
 * plugin context (plugin-context.ts) in place of the engine's own handles,
 * and whose calls fail their request or job, never the process.
 */
export function pluginModule(
  manifest: PluginManifest,
  definition: PluginDefinition,
  hasUi: boolean,
): EngineModule {
  const plugin = manifest.name;
  const run = runPluginCode(plugin);
  return {
    key: plugin,
    label: named(manifest.label, plugin),
    description: named(manifest.description, plugin),
    version: manifest.version,
    dependsOn: manifest.dependsOn ?? [],
    switchable: true,
    offUntilSwitchedOn: true,
    uiContributions: hasUi,
    menus: manifest.menus ?? [],
    companyMigrations: (definition.migrations ?? []).map((m) => ({
      name: m.name,
      // A migration may build an index on a big table: minutes, not a request's seconds.
      up: (tx, { schema }) =>
        run(
          (signal) =>
            m.up(
              companyDb(tx, {
                schema,
                plugin,
                migration: true,
                signal,
                timeoutMs: migrationTimeoutMs,
              }),
            ),
          migrationTimeoutMs,
        ),
    })),
    recordHooks: (definition.hooks ?? []).map((hooks) => recordHooks(plugin, hooks, run)),
    routes: definition.routes
      ? [
          {
            prefix: `/api/x/${plugin}`,
            register: (routes, deps) => definition.routes!(pluginRoutes(plugin, routes, deps, run)),
          },
        ]
      : [],
    jobs: (definition.jobs ?? []).map((job): ModuleJob => {
      // A job has its own time, ended a little before the queue expires it and may try it again.
      const timeoutMs = (job.timeoutSeconds ?? defaultJobTimeoutSeconds) * 950;
      return {
        ...job,
        run: ({ company, data, retry, deps }) =>
          run(
            (signal) =>
              job.run({
                ...pluginContext(plugin, deps, {
                  company,
                  actor: undefined,
                  target: deps.database.db,
                  signal,
                  timeoutMs,
                }),
                data,
                retry,
              }),
            timeoutMs,
          ),
      };
    }),
    effects: (definition.effects ?? []).map((effect): ModuleEffect => ({
      name: effect.name,
      description: effect.description,
      params: effect.params,
      run: ({ tx, company, actor, ...services }, params) =>
        run((signal) =>
          effect.run(
            pluginContext(plugin, services, {
              company,
              actor,
              target: tx,
              signal,
              timeoutMs: pluginCallTimeoutMs,
            }),
            params,
          ),
        ),
    })),
    permissionActions: definition.permissionActions ?? [],
  };
}

/** A plugin's hooks as the record service calls them: each given a plugin context over the write's transaction. */
function recordHooks(
  plugin: string,
  hooks: PluginRecordHooks,
  run: ReturnType<typeof runPluginCode>,
): RecordHooks {
  const adapted: Record<string, unknown> = { entity: hooks.entity };
  for (const stage of stages) {
    const hook = hooks[stage] as ((event: object) => void | Promise<void>) | undefined;
    if (!hook) continue;
    adapted[stage] = (event: Parameters<NonNullable<RecordHooks[typeof stage]>>[0]) => {
      const { tx, company, actor, entity, now, effects, jobs, ...write } = event;
      return run((signal) =>
        hook.call(hooks, {
          ...pluginContext(
            plugin,
            { now, effects, jobs },
            { company, actor, target: tx, signal, timeoutMs: pluginCallTimeoutMs },
          ),
          entity,
          ...write,
        }),
      );
    };
  }
  return adapted as unknown as RecordHooks;
}

/** The routes a plugin declares, each handler given the plugin's context for its request. */
function pluginRoutes(
  plugin: string,
  routes: Parameters<NonNullable<EngineModule["routes"]>[number]["register"]>[0],
  deps: ModuleDeps,
  run: ReturnType<typeof runPluginCode>,
): PluginRoutes {
  const declared: PluginRoutes = {
    route(method, path, spec, handler) {
      routes.route(method, path, spec, async (c, input) => {
        const answer = await run((signal) =>
          handler(
            c,
            input,
            pluginContext(plugin, deps, {
              company: c.var.company,
              actor: c.var.actor,
              target: deps.database.db,
              signal,
              timeoutMs: pluginCallTimeoutMs,
            }),
          ),
        );
        if (!(answer instanceof Response))
          throw new ApiError(
            422,
            "plugin_failed",
            tr("the {plugin} plugin could not complete this: {reason}", {
              plugin,
              reason: tr("its route gave no answer"),
            }),
          );
        return answer;
      });
      return declared;
    },
  };
  return declared;
}
