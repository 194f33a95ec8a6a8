import { For, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import type { Role } from "./admin-types.ts";
import type { FieldUse } from "./designer-types.ts";

/**
 * "Where used": the forms, lists, search, numbering and references that name
 * a field (from the designer's answer), and the roles whose field rules name
 * it (from the roles API), so an admin knows what hiding it touches.
 */
export function FieldUses(props: {
  entity: string;
  field: string;
  uses: FieldUse[];
  roles: Role[];
  sectionName: (key: string) => string;
  fieldName: (entity: string, field: string) => string;
}) {
  const roleRules = () =>
    props.roles.flatMap((r) => {
      const rule = r.permissions.entities?.[props.entity]?.fields?.[props.field];
      return rule ? [{ role: r.name, rule }] : [];
    });
  const text = (use: FieldUse) => {
    if (use.kind === "form")
      return use.section
        ? t("admin.designer.use.formSection", { section: props.sectionName(use.section) })
        : t("admin.designer.use.form");
    if (use.kind === "filterBy")
      return t("admin.designer.use.filterBy", {
        field: props.fieldName(use.entity!, use.field!),
      });
    return t(`admin.designer.use.${use.kind}`);
  };
  return (
    <section class="field-uses" aria-labelledby={`uses-${props.field}`}>
      <h3 id={`uses-${props.field}`}>{t("admin.designer.uses")}</h3>
      <Show
        when={props.uses.length + roleRules().length > 0}
        fallback={<p class="muted">{t("admin.designer.unused")}</p>}
      >
        <ul>
          <For each={props.uses}>{(use) => <li>{text(use)}</li>}</For>
          <For each={roleRules()}>
            {(r) => (
              <li>
                {t("admin.designer.use.role", {
                  role: r.role,
                  rule: t(`admin.designer.rule.${r.rule}`),
                })}
              </li>
            )}
          </For>
        </ul>
      </Show>
    </section>
  );
}
