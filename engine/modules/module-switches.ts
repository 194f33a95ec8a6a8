import { userEntity, type EffectiveMetadata } from "../metadata/metadata-types.ts";
import type { ModuleSet } from "./module-set.ts";
import { own } from "../metadata/own-key.ts";

/**
 * The modules a company has switched off, as its metadata records them:
 * switchable modules set to false (or never set on, for those off until
 * switched on), and every module depending on one of
 * them (the admin API refuses to leave such a module on; a switch written
 * some other way must not half-work). Unknown keys are ignored.
 */
export function switchedOff(meta: EffectiveMetadata, modules: ModuleSet): ReadonlySet<string> {
  const off = new Set<string>();
  const switches = meta.moduleSwitches ?? {};
  for (const m of modules.ordered)
    if (m.switchable && !(own(switches, m.key) ?? !m.offUntilSwitchedOn)) off.add(m.key);
  for (const m of modules.ordered) if ((m.dependsOn ?? []).some((d) => off.has(d))) off.add(m.key);
  return off;
}

/**
 * The metadata a company works with while modules are off: without their
 * menus and entities, and with references to those entities and the fields
 * they add to other entities hidden. Tables
 * and data stay: hidden is not dropped, and switching the module on brings
 * everything back as it was.
 */
export function withoutModules(
  meta: EffectiveMetadata,
  off: ReadonlySet<string>,
  modules: ModuleSet,
): EffectiveMetadata {
  if (off.size === 0) return meta;
  const menus = new Set(
    modules.ordered.filter((m) => off.has(m.key)).flatMap((m) => m.menus ?? []),
  );
  const kept = Object.entries(meta.entities).filter(([, def]) => !menus.has(def.entity.module));
  const keys = new Set(kept.map(([key]) => key));
  const entities = Object.fromEntries(
    kept.map(([key, def]) => {
      const gone = Object.entries(def.entity.fields).filter(
        ([, f]) =>
          (f.module !== undefined && off.has(f.module)) ||
          (f.entity !== undefined && f.entity !== userEntity.key && !keys.has(f.entity)),
      );
      if (gone.length === 0) return [key, def];
      const fields = { ...def.entity.fields };
      for (const [name, field] of gone) fields[name] = { ...field, hidden: true };
      return [key, { ...def, entity: { ...def.entity, fields } }];
    }),
  );
  return {
    ...meta,
    entities,
    modules: { ...meta.modules, modules: meta.modules.modules.filter((m) => !menus.has(m.key)) },
  };
}
