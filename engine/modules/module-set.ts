import type { EngineModule, PermissionAction } from "./engine-module.ts";

/** A module list that cannot be used: a duplicate key, an unknown dependency, or a cycle. */
export class ModuleSetError extends Error {}

const keyPattern = /^[a-z][a-z0-9_]{0,39}$/;

/**
 * The engine's modules in dependency order: every module comes after those it
 * depends on, so migrations, routes and texts apply in an order that works.
 * Built once at start; a bad list stops the engine with the reason.
 */
export class ModuleSet {
  readonly ordered: readonly EngineModule[];
  readonly #byKey: ReadonlyMap<string, EngineModule>;

  constructor(modules: readonly EngineModule[]) {
    const byKey = new Map<string, EngineModule>();
    for (const m of modules) {
      if (!keyPattern.test(m.key))
        throw new ModuleSetError(`module key "${m.key}" must be lower-case letters, digits or _`);
      if (byKey.has(m.key)) throw new ModuleSetError(`two modules have the key "${m.key}"`);
      for (const migrations of [m.companyMigrations, m.platformMigrations]) {
        const names = (migrations ?? []).map((s) => s.name);
        if (new Set(names).size !== names.length)
          throw new ModuleSetError(`module "${m.key}" names two migrations alike`);
      }
      byKey.set(m.key, m);
    }
    for (const m of modules)
      for (const d of m.dependsOn ?? [])
        if (!byKey.has(d))
          throw new ModuleSetError(`module "${m.key}" depends on "${d}", which is not installed`);
    this.#byKey = byKey;
    this.ordered = dependencyOrder(modules, byKey);
    this.permissionActions = this.ordered.flatMap((m) => m.permissionActions ?? []);
    const keys = this.permissionActions.map((a) => a.key);
    const twice = keys.find((key, i) => keys.indexOf(key) !== i);
    if (twice !== undefined)
      throw new ModuleSetError(`two modules declare the permission action "${twice}"`);
  }

  /** Every action a role may grant, module by module in dependency order. */
  readonly permissionActions: readonly PermissionAction[];

  /** The keys of `permissionActions`. */
  get actionKeys(): string[] {
    return this.permissionActions.map((a) => a.key);
  }

  get(key: string): EngineModule | undefined {
    return this.#byKey.get(key);
  }

  /** The modules that depend on `key`, directly or through others. */
  dependents(key: string): EngineModule[] {
    const found = new Set<string>();
    let grew = true;
    while (grew) {
      grew = false;
      for (const m of this.ordered)
        if (!found.has(m.key) && (m.dependsOn ?? []).some((d) => d === key || found.has(d))) {
          found.add(m.key);
          grew = true;
        }
    }
    return this.ordered.filter((m) => found.has(m.key));
  }
}

/** Depth-first topological order, keeping the given order among independent modules. */
function dependencyOrder(
  modules: readonly EngineModule[],
  byKey: ReadonlyMap<string, EngineModule>,
): EngineModule[] {
  const ordered: EngineModule[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (m: EngineModule, path: string[]) => {
    if (state.get(m.key) === "done") return;
    if (state.get(m.key) === "visiting")
      throw new ModuleSetError(
        `modules depend on each other in a cycle: ${[...path, m.key].join(" → ")}`,
      );
    state.set(m.key, "visiting");
    for (const d of m.dependsOn ?? []) visit(byKey.get(d)!, [...path, m.key]);
    state.set(m.key, "done");
    ordered.push(m);
  };
  for (const m of modules) visit(m, []);
  return ordered;
}
