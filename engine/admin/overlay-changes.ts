import { tr, type Text } from "../i18n/text.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import type { CompanyInfo } from "../../metadata/types.gen.ts";

/** One difference between two overlay versions, with what it means to an admin. */
export interface OverlayChange {
  /** Where, in the overlay: `["entities", "customer", "labels", "zh-CN", "fields", "quality"]`. */
  path: string[];
  kind: "added" | "removed" | "changed";
  /** The value in force before and after: the effective one where the overlay only patches it. */
  from: unknown;
  to: unknown;
  text: Text;
}

/** The most changes one comparison lists: a rollback across many versions says the rest are left out. */
export const maxChanges = 300;

/**
 * The differences between two overlays, each described as an admin thinks of
 * it: a field added, a label changed from → to, an option switched. A form
 * or list is one change (the layout replaced), as the overlay stores it.
 * `before`/`after` are the effective metadata of each version when they
 * apply; label and field values come from them, so a label first renamed
 * shows the base label it replaces.
 */
export function overlayChanges(
  older: unknown,
  newer: unknown,
  before: EffectiveMetadata | undefined,
  after: EffectiveMetadata | undefined,
): { changes: OverlayChange[]; more: number } {
  const changes: OverlayChange[] = [];
  let more = 0;
  const walk = (a: unknown, b: unknown, path: string[]) => {
    if (JSON.stringify(a) === JSON.stringify(b)) return;
    const bothMaps = isMap(a) && isMap(b);
    const oneMap = (isMap(a) && b === undefined) || (a === undefined && isMap(b));
    // A field new to the metadata (or gone from it) is one change; a base field's first patch is its properties.
    const comesOrGoes =
      isField(path) && effectiveAt(a === undefined ? before : after, path) === undefined;
    if (!isWhole(path) && (bothMaps || (oneMap && !comesOrGoes))) {
      const [x, y] = [(a ?? {}) as Record<string, unknown>, (b ?? {}) as Record<string, unknown>];
      for (const key of new Set([...Object.keys(x), ...Object.keys(y)]))
        walk(x[key], y[key], [...path, key]);
      return;
    }
    if (changes.length >= maxChanges) {
      more++;
      return;
    }
    const kind = a === undefined ? "added" : b === undefined ? "removed" : "changed";
    const from = effectiveAt(before, path) ?? a;
    const to = effectiveAt(after, path) ?? b;
    changes.push({ path, kind, from, to, text: describe(path, kind, from, to) });
  };
  walk(older ?? {}, newer ?? {}, []);
  return { changes, more };
}

const isMap = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Layouts the overlay replaces whole, and a company's own entity's definition. */
function isWhole(path: string[]): boolean {
  const [top, , part] = path;
  return (
    (top === "entities" && path.length === 3 && (part === "form" || part === "list")) ||
    (top === "customEntities" && path.length === 2)
  );
}

const isField = (path: string[]) =>
  path[0] === "entities" && path[2] === "fields" && path.length === 4;

/** The value a path of the overlay has in the effective metadata, if it maps onto it. */
function effectiveAt(meta: EffectiveMetadata | undefined, path: string[]): unknown {
  if (!meta) return undefined;
  const [top, key, part, ...rest] = path;
  if (top === "options" && key) return (meta.options as Record<string, unknown>)[key];
  if (top === "labels") return dig(meta.labels, path.slice(1));
  if (top === "companyInfo" && key) return meta.companyInfo?.[key as keyof CompanyInfo];
  if (top !== "entities" || !key || !part) return undefined;
  const def = meta.entities[key];
  if (!def) return undefined;
  if (part === "fields") return dig(def.entity.fields, rest);
  if (part === "labels") return dig(def.labels, rest);
  if (part === "search") return def.entity.search;
  if (part === "numbering") return dig(def.entity.numbering, rest);
  return undefined;
}

function dig(value: unknown, path: string[]): unknown {
  let at = value;
  for (const key of path) {
    if (!isMap(at) || !Object.hasOwn(at, key)) return undefined;
    at = at[key];
  }
  return at;
}

const shown = (v: unknown) =>
  v === undefined ? "—" : typeof v === "string" ? v : JSON.stringify(v);

/** What a change means, in the admin's words. */
function describe(path: string[], kind: OverlayChange["kind"], from: unknown, to: unknown): Text {
  const values = { from: shown(from), to: shown(to) };
  const [top, key = "", part, ...rest] = path;
  if (top === "customEntities") {
    if (kind === "added") return tr("entity {entity} created", { entity: key });
    if (kind === "removed") return tr("entity {entity} removed", { entity: key });
    const [was, is] = [from, to].map((v) => isMap(v) && v.archived === true);
    if (!was && is) return tr("entity {entity} archived", { entity: key });
    if (was && !is) return tr("entity {entity} brought back", { entity: key });
    return tr("entity {entity} changed", { entity: key });
  }
  if (top === "options")
    return tr("option {option} changed from {from} to {to}", { option: key, ...values });
  if (top === "moduleSwitches")
    return to === false
      ? tr("module {module} switched off", { module: key })
      : to === true
        ? tr("module {module} switched on", { module: key })
        : tr("module {module} back to its default", { module: key });
  if (top === "labels")
    return tr("{locale} label {name} changed from {from} to {to}", {
      locale: key,
      name: path.slice(2).join("."),
      ...values,
    });
  if (top === "companyInfo")
    return tr("company {detail} changed from {from} to {to}", { detail: key, ...values });
  if (top !== "entities") return somethingChanged(path, values);
  const entity = key;
  if (part === "form") return tr("form of {entity} redesigned", { entity });
  if (part === "list") return tr("list of {entity} redesigned", { entity });
  if (part === "search")
    return tr("search fields of {entity} changed from {from} to {to}", { entity, ...values });
  if (part === "fields") {
    const [field = "", property] = rest;
    if (!property && kind === "added")
      return tr("field {entity}.{field} added ({type})", {
        entity,
        field,
        type: shown((to as { type?: string } | undefined)?.type),
      });
    if (!property && kind === "removed")
      return tr("field {entity}.{field} taken out of the metadata", { entity, field });
    if (property === "hidden")
      return to === true
        ? tr("field {entity}.{field} hidden", { entity, field })
        : tr("field {entity}.{field} shown again", { entity, field });
    return tr("{property} of field {entity}.{field} changed from {from} to {to}", {
      property: rest.slice(1).join(".") || "definition",
      entity,
      field,
      ...values,
    });
  }
  if (part === "numbering")
    return tr("numbering of {entity}: {property} changed from {from} to {to}", {
      entity,
      property: rest.join(".") || "numbering",
      ...values,
    });
  if (part === "labels") {
    const [locale = "", kindOfLabel, ...name] = rest;
    return tr("{locale} label {name} of {entity} changed from {from} to {to}", {
      locale,
      name: [kindOfLabel, ...name].filter(Boolean).join("."),
      entity,
      ...values,
    });
  }
  return somethingChanged(path, values);
}

const somethingChanged = (path: string[], values: { from: string; to: string }) =>
  tr("{path} changed from {from} to {to}", { path: path.join("/"), ...values });
