import type { CompanyContext } from "../companies/company-context.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { visibleFields } from "../records/entity-fields.ts";

/** Short form of the metadata hash sent as X-Meta-Version: the UI reloads its metadata when it changes. */
export const metaVersion = (company: CompanyContext) => company.meta.hash.slice(0, 16);

/** An entity as clients see it: hidden fields are left out entirely, as if they did not exist. */
export function entityView(def: EntityDefinition) {
  return {
    key: def.entity.key,
    module: def.entity.module,
    titleField: def.entity.titleField,
    search: def.entity.search ?? [],
    numbering: def.entity.numbering ?? null,
    fields: Object.fromEntries(visibleFields(def)),
    form: def.form,
    list: def.list,
    labels: def.labels,
  };
}

export function metaView(company: CompanyContext) {
  const { meta } = company;
  return {
    version: metaVersion(company),
    company: { slug: company.slug, name: company.name, settings: company.settings },
    modules: meta.modules.modules.map((m) => ({
      key: m.key,
      icon: m.icon ?? null,
      labels: {
        "zh-CN": meta.labels["zh-CN"].modules?.[m.key] ?? m.key,
        en: meta.labels.en.modules?.[m.key] ?? m.key,
      },
      menu: m.menu.filter((item) => meta.entities[item.entity]),
    })),
    entities: Object.fromEntries(
      Object.entries(meta.entities).map(([key, def]) => [key, entityView(def)]),
    ),
  };
}
