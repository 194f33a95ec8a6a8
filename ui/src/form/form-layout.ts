import type { EntityView, FieldUi } from "../../../metadata/types.gen.ts";

export interface LayoutSection {
  /** Key of labels#/sections; undefined for fields no section names. */
  key: string | undefined;
  columns: number;
  collapsed: boolean;
  fields: { name: string; ui: FieldUi; colspan: number }[];
}

/**
 * The form's sections in display order, from the uiSchema in
 * react-jsonschema-form's conventions: `ui:order` (with `*` for the rest)
 * orders the fields, `ui:hidden` drops one, and the one extension,
 * `ui:sections` with `ui:colspan`, groups them into titled grids. Fields
 * the user may not see are absent from `entity.fields`, so absent here too;
 * fields no section names (an admin's new field) follow in a last section.
 */
export function formLayout(entity: EntityView): LayoutSection[] {
  const form = entity.form;
  const names = Object.keys(entity.fields);
  const order = form["ui:order"] ?? ["*"];
  const star = order.indexOf("*");
  const listed = order.filter((n) => n !== "*" && names.includes(n));
  const rest = names.filter((n) => !listed.includes(n));
  const ordered =
    star < 0 ? [...listed, ...rest] : [...listed.slice(0, star), ...rest, ...listed.slice(star)];
  const uiOf = (name: string) => (form[name] ?? {}) as FieldUi;
  const shown = ordered.filter((n) => !uiOf(n)["ui:hidden"]);
  const entry = (name: string, columns: number) => ({
    name,
    ui: uiOf(name),
    colspan: Math.min(columns, uiOf(name)["ui:colspan"] ?? 1),
  });

  const sections: LayoutSection[] = [];
  const placed = new Set<string>();
  for (const s of form["ui:sections"] ?? []) {
    const columns = s.columns ?? 1;
    const fields = shown.filter((n) => s.fields.includes(n));
    fields.forEach((n) => placed.add(n));
    if (fields.length) {
      sections.push({
        key: s.key,
        columns,
        collapsed: s.collapsed ?? false,
        fields: fields.map((n) => entry(n, columns)),
      });
    }
  }
  const left = shown.filter((n) => !placed.has(n));
  if (left.length) {
    const columns = sections[0]?.columns ?? 1;
    sections.push({
      key: undefined,
      columns,
      collapsed: false,
      fields: left.map((n) => entry(n, columns)),
    });
  }
  return sections;
}
