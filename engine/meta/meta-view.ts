import type { CompanyContext } from "../companies/company-context.ts";
import type { RecordPolicy } from "../companies/record-policy.ts";
import {
  locales,
  type EffectiveMetadata,
  type EntityDefinition,
  type Locale,
} from "../metadata/metadata-types.ts";
import type {
  EntityView,
  FormLayout,
  Labels,
  ListLayout,
  MetaView,
} from "../../metadata/types.gen.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { companyLogoUrl } from "../companies/company-logo-table.ts";

/** Short form of the metadata hash sent as X-Meta-Version: the UI reloads its metadata when it changes. */
export const metaVersion = (company: CompanyContext) => company.meta.hash.slice(0, 16);

/**
 * What the user may do with an entity's records, for clients to offer only
 * that, in the order of `actions` (the installed modules' permission actions).
 */
export function entityActions(
  policy: RecordPolicy,
  entity: string,
  actions: readonly string[],
): string[] {
  return actions.filter((action) => policy.allows(entity, action));
}

/**
 * An entity as clients see it: hidden fields — hidden in metadata or by the
 * user's roles — are left out of fields, layouts and labels, as if they did
 * not exist.
 */
export function entityView(
  def: EntityDefinition,
  policy: RecordPolicy,
  actions: readonly string[],
): EntityView {
  const hidden = new Set(
    Object.entries(def.entity.fields)
      .filter(([, f]) => f.hidden)
      .map(([name]) => name),
  );
  const numbering = def.entity.numbering;
  const duplicates = def.entity.duplicateCheck;
  return {
    key: def.entity.key,
    module: def.entity.module,
    titleField: def.entity.titleField,
    search: (def.entity.search ?? []).filter((f) => !hidden.has(f)),
    // Only server-assigned numbers: a typed number is an ordinary field to the UI.
    numbering:
      numbering && numbering.automatic !== false && !hidden.has(numbering.field)
        ? { field: numbering.field, pattern: numbering.pattern }
        : null,
    duplicateCheck: duplicates
      ? { ...duplicates, fields: duplicates.fields.filter((f) => !hidden.has(f)) }
      : null,
    actions: entityActions(policy, def.entity.key, actions),
    fields: Object.fromEntries(visibleFields(def)),
    form: hidden.size ? formWithout(def.form, hidden) : def.form,
    list: hidden.size ? listWithout(def.list, hidden) : def.list,
    labels: hidden.size
      ? (Object.fromEntries(
          locales.map((l) => [
            l,
            labelsWithout(def.labels[l], hidden, hiddenHelp(def.form, hidden)),
          ]),
        ) as Record<Locale, Labels>)
      : def.labels,
  };
}

function formWithout(form: FormLayout, hidden: Set<string>): FormLayout {
  const out: FormLayout = {};
  for (const [key, value] of Object.entries(form)) {
    if (hidden.has(key)) continue;
    if (key === "ui:order") out[key] = (value as string[]).filter((f) => !hidden.has(f));
    else if (key === "ui:sections")
      out[key] = (form["ui:sections"] ?? []).map((s) => ({
        ...s,
        fields: s.fields.filter((f) => !hidden.has(f)),
      }));
    else out[key] = value;
  }
  return out;
}

function listWithout(list: ListLayout, hidden: Set<string>): ListLayout {
  const unhidden = (key: string) => !hidden.has(key.replace(/^-/, ""));
  return {
    ...list,
    columns: list.columns.filter((c) => unhidden(c.field)),
    ...(list.sort && { sort: list.sort.filter(unhidden) }),
    ...(list.filters && { filters: list.filters.filter(unhidden) }),
  };
}

/** Help keys only hidden fields use: a field's own key, or its `ui:help` key. */
function hiddenHelp(form: FormLayout, hidden: Set<string>): Set<string> {
  const helpOf = (name: string) => (form[name] as { "ui:help"?: string } | undefined)?.["ui:help"];
  const used = new Set<string>();
  for (const [name, ui] of Object.entries(form)) {
    const help = (ui as { "ui:help"?: unknown } | undefined)?.["ui:help"];
    if (!hidden.has(name) && typeof help === "string") used.add(help);
  }
  const keys = new Set<string>();
  for (const name of hidden) {
    for (const key of [name, helpOf(name)]) if (key && !used.has(key)) keys.add(key);
  }
  return keys;
}

function labelsWithout(labels: Labels, hidden: Set<string>, help: Set<string>): Labels {
  const without = <T>(map: Record<string, T> | undefined, keys: Set<string>) =>
    map && Object.fromEntries(Object.entries(map).filter(([k]) => !keys.has(k)));
  return {
    ...labels,
    ...(labels.fields && { fields: without(labels.fields, hidden) }),
    ...(labels.options && { options: without(labels.options, hidden) }),
    ...(labels.help && { help: without(labels.help, help) }),
    ...(labels.placeholders && { placeholders: without(labels.placeholders, hidden) }),
  };
}

export function metaView(
  company: CompanyContext,
  actions: readonly string[],
  plugins: readonly string[],
): MetaView {
  const { meta } = company;
  return {
    version: metaVersion(company),
    plugins: [...plugins],
    company: companyView(company),
    // Last good metadata saved before options existed has none: the base defaults then hold.
    options: meta.options ?? {},
    modules: meta.modules.modules.map((m) => ({
      key: m.key,
      icon: m.icon ?? null,
      labels: Object.fromEntries(
        locales.map((l) => [l, meta.labels[l].modules?.[m.key] ?? m.key]),
      ) as Record<Locale, string>,
      menu: m.menu.filter((item) => meta.entities[item.entity]),
    })),
    entities: Object.fromEntries(
      Object.entries(meta.entities).map(([key, def]) => [
        key,
        entityView(def, company.policy, actions),
      ]),
    ),
  };
}

/** The company as its users see it: its admin's company information over the registry's settings. */
export function companyView(
  company: CompanyContext,
  meta: EffectiveMetadata = company.meta,
): MetaView["company"] {
  const info = meta.companyInfo ?? {};
  return {
    slug: company.slug,
    name: info.name ?? company.name,
    settings: {
      ...company.settings,
      ...(info.currency ? { currency: info.currency } : {}),
      ...(info.currencySymbol ? { currencySymbol: info.currencySymbol } : {}),
    },
    ...(info.logo ? { logo: companyLogoUrl(info.logo) } : {}),
  };
}
