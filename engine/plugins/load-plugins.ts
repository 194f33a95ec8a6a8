import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { tr } from "../i18n/text.ts";
import { runningFromSources } from "../project/project-root.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { pluginModule } from "./plugin-module.ts";
import type { PluginDefinition } from "./plugin-definition.ts";
import { PluginLoadError, readManifest, type PluginManifest } from "./plugin-manifest.ts";

/** The plugins a start could run, and those it left off with why. */
export interface LoadedPlugins {
  readonly modules: readonly EngineModule[];
  readonly failures: readonly PluginLoadError[];
}

const definitionKeys = new Set([
  "migrations",
  "hooks",
  "routes",
  "jobs",
  "effects",
  "permissionActions",
]);

/**
 * Where a plugin's server code is: its sources under the tests and tsx, its
 * bundle (scripts/build.js, one entry point per plugin) under `npm start`.
 */
const serverEntry = (root: string, name: string) =>
  runningFromSources
    ? path.join(root, "plugins", name, "server", "index.ts")
    : path.join(root, "dist", "engine", "plugins", name, "server.js");

async function loadOne(root: string, manifest: PluginManifest): Promise<EngineModule> {
  const name = manifest.name;
  let definition: PluginDefinition = {};
  if (existsSync(path.join(root, "plugins", name, "server"))) {
    let loaded: { default?: unknown };
    try {
      loaded = (await import(pathToFileURL(serverEntry(root, name)).href)) as { default?: unknown };
    } catch (err) {
      throw new PluginLoadError(
        name,
        tr("its server code failed to load: {reason}", {
          reason: (err as Error).message.slice(0, 500),
        }),
      );
    }
    const exported = loaded.default;
    if (typeof exported !== "object" || exported === null)
      throw new PluginLoadError(
        name,
        tr("server/index.ts must export its definePlugin({…}) as default"),
      );
    const unknown = Object.keys(exported).filter((key) => !definitionKeys.has(key));
    if (unknown.length > 0)
      throw new PluginLoadError(
        name,
        tr("its definition has parts the engine does not know: {keys}", {
          keys: unknown.join(", "),
        }),
      );
    definition = exported as PluginDefinition;
  }
  return pluginModule(
    manifest,
    definition,
    existsSync(path.join(root, "plugins", name, "ui", "index.tsx")),
  );
}

/**
 * Loads every plugin folder of `<root>/plugins` that has a plugin.json: its
 * manifest checked, its server code imported and wrapped (plugin-module.ts).
 * One that fails (a bad manifest, an engine API it was not built for, code
 * that throws on import, a dependency missing or itself left off) is left
 * off with the reason, and the others load: the engine still serves.
 */
export async function loadPlugins(
  root: string,
  engineKeys: ReadonlySet<string>,
): Promise<LoadedPlugins> {
  const dir = path.join(root, "plugins");
  if (!existsSync(dir)) return { modules: [], failures: [] };
  const failures: PluginLoadError[] = [];
  const loaded = new Map<string, EngineModule>();
  const folders = readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(path.join(dir, entry.name, "plugin.json")))
    .map((entry) => entry.name)
    .sort();
  for (const folder of folders) {
    try {
      const manifest = readManifest(path.join(dir, folder));
      if (engineKeys.has(manifest.name))
        throw new PluginLoadError(
          folder,
          tr('"{name}" is the name of an engine module: a plugin needs a name of its own', {
            name: manifest.name,
          }),
        );
      loaded.set(folder, await loadOne(root, manifest));
    } catch (err) {
      failures.push(
        err instanceof PluginLoadError
          ? err
          : new PluginLoadError(folder, tr("{reason}", { reason: (err as Error).message })),
      );
    }
  }
  // Until nothing changes: leaving one off may leave off those that need it.
  for (let changed = true; changed;) {
    changed = false;
    for (const [name, module] of loaded) {
      const missing = (module.dependsOn ?? []).find((d) => !engineKeys.has(d) && !loaded.has(d));
      if (missing === undefined) continue;
      loaded.delete(name);
      failures.push(
        new PluginLoadError(
          name,
          tr('it depends on "{module}", which is not installed or was left off', {
            module: missing,
          }),
        ),
      );
      changed = true;
    }
  }
  // Plugins that need each other in a loop can never be migrated in an order: all of them stay off.
  for (const name of [...loaded.keys()]) {
    if (!loaded.has(name)) continue;
    const loop = loopThrough(name, loaded);
    if (!loop) continue;
    for (const member of loop) loaded.delete(member);
    failures.push(
      ...loop.map(
        (member) =>
          new PluginLoadError(
            member,
            tr("it depends on itself through {loop}", { loop: [...loop, loop[0]].join(" → ") }),
          ),
      ),
    );
  }
  return { modules: [...loaded.values()], failures };
}

/** The plugins of a dependency loop through `start`, in order, or undefined when there is none. */
function loopThrough(
  start: string,
  loaded: ReadonlyMap<string, EngineModule>,
): string[] | undefined {
  const walk = (name: string, path: string[]): string[] | undefined => {
    for (const next of loaded.get(name)?.dependsOn ?? []) {
      if (next === start) return path;
      if (!path.includes(next) && loaded.has(next)) {
        const found = walk(next, [...path, next]);
        if (found) return found;
      }
    }
    return undefined;
  };
  return walk(start, [start]);
}
