import type { CompanyContext } from "../companies/company-context.ts";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { tr, type Text } from "../i18n/text.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import { writeOverlayBy, type OverlayAuthor } from "./overlay-writer.ts";

/** A module as a company has it. */
export interface ModuleState {
  key: string;
  label: Text;
  description: Text;
  version: string;
  dependsOn: string[];
  switchable: boolean;
  on: boolean;
  /** The menus (metadata modules) it brings. */
  menus: string[];
}

export function moduleStates(company: CompanyContext, modules: ModuleSet): ModuleState[] {
  return modules.ordered.map((m) => ({
    key: m.key,
    label: m.label,
    description: m.description,
    version: m.version,
    dependsOn: [...(m.dependsOn ?? [])],
    switchable: m.switchable ?? false,
    on: !company.modulesOff.has(m.key),
    menus: [...(m.menus ?? [])],
  }));
}

const keys = (list: readonly { key: string }[]) => list.map((m) => m.key).join(", ");

/**
 * Switches a module on or off for one company, as a metadata version (so it
 * is audited, reaches every process on its next request, and rollback undoes
 * it). Refused: an unknown module (404), one the engine cannot do without,
 * switching off one that modules still on depend on, switching on one whose
 * dependencies are off (409, naming them).
 */
export async function switchModule(
  deps: CoreDeps,
  author: OverlayAuthor,
  key: string,
  on: boolean,
): Promise<EffectiveMetadata> {
  const { company } = author;
  const module = deps.modules.get(key);
  if (!module) throw ApiError.notFound(tr('no module "{module}"', { module: key }));
  if (!module.switchable)
    throw ApiError.conflict(
      "not_switchable",
      tr('the module "{module}" cannot be switched off: the engine needs it', { module: key }),
    );
  if (!on) {
    const using = deps.modules.dependents(key).filter((m) => !company.modulesOff.has(m.key));
    if (using.length > 0)
      throw ApiError.conflict(
        "in_use",
        tr(
          'the module "{module}" cannot be switched off while {dependents} use it: switch them off first',
          {
            module: key,
            dependents: keys(using),
          },
        ),
        { dependents: using.map((m) => m.key) },
      );
  } else {
    const missing = (module.dependsOn ?? []).filter((d) => company.modulesOff.has(d));
    if (missing.length > 0)
      throw ApiError.conflict(
        "needs_modules",
        tr('the module "{module}" needs {modules}: switch them on first', {
          module: key,
          modules: missing.join(", "),
        }),
        { needs: missing },
      );
  }
  return writeOverlayBy(deps, author, `switch module ${key} ${on ? "on" : "off"}`, (overlay) => {
    const switches = { ...overlay.moduleSwitches };
    // The overlay keeps only what differs from the module's default: on, or off until switched on.
    if (on === !module.offUntilSwitchedOn) delete switches[key];
    else switches[key] = on;
    if (Object.keys(switches).length === 0) delete overlay.moduleSwitches;
    else overlay.moduleSwitches = switches;
    return overlay;
  });
}
