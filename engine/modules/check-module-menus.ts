import type { MetadataSet } from "../metadata/metadata-types.ts";
import { ModuleSetError, type ModuleSet } from "./module-set.ts";

/**
 * Every menu a module brings exists in the base metadata, and no menu is
 * brought by two modules: switching one off must remove exactly its own.
 */
export function checkModuleMenus(modules: ModuleSet, base: MetadataSet): void {
  const known = new Set(base.modules.modules.map((m) => m.key));
  const owner = new Map<string, string>();
  for (const m of modules.ordered)
    for (const menu of m.menus ?? []) {
      if (!known.has(menu))
        throw new ModuleSetError(
          `module "${m.key}" brings menu "${menu}", which the metadata lacks`,
        );
      const other = owner.get(menu);
      if (other)
        throw new ModuleSetError(`modules "${other}" and "${m.key}" both bring menu "${menu}"`);
      owner.set(menu, m.key);
    }
}
