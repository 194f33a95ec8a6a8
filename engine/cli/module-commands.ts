import { moduleStates, switchModule } from "../admin/switch-module.ts";
import type { EngineDeps } from "../engine-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { CompanyInputError } from "../companies/create-company.ts";
import { companyOf } from "./company-of.ts";

/** `modules [--company]`: one line per module, in dependency order; with a company, on or off there. */
export async function listModules(deps: EngineDeps, slug: string | undefined): Promise<void> {
  const company = slug === undefined ? undefined : await companyOf(deps, slug);
  for (const m of deps.modules.ordered) {
    const state = company && moduleStates(company, deps.modules).find((s) => s.key === m.key)!;
    console.log(
      [
        m.key,
        m.version,
        m.label.toString(),
        `depends on: ${(m.dependsOn ?? []).join(", ") || "-"}`,
        m.switchable ? "switchable" : "always on",
        ...(state ? [state.on ? "on" : "off"] : []),
      ].join("\t"),
    );
  }
}

/** `modules on|off <module> --company <slug>`: as a company admin would, audited as the CLI's. */
export async function switchModuleFor(
  deps: EngineDeps,
  slug: string,
  key: string,
  on: boolean,
): Promise<void> {
  const company = await companyOf(deps, slug);
  try {
    await switchModule(
      deps,
      { company, user: undefined, origin: { ip: null, userAgent: "cli" } },
      key,
      on,
    );
  } catch (err) {
    if (err instanceof ApiError) throw new CompanyInputError(err.message);
    throw err;
  }
  console.log(`module "${key}" is ${on ? "on" : "off"} for company "${slug}"`);
}
