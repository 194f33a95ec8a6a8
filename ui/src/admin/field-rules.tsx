import { For } from "solid-js";
import type { EntityView } from "../../../metadata/types.gen.ts";
import { t } from "../i18n/i18n.ts";
import type { FieldRule, PermissionProblem } from "./admin-types.ts";
import { problemPlace } from "./role-draft.ts";

/** Per field of an entity: no rule, read-only or hidden (the title field cannot be hidden). */
export function FieldRules(props: {
  entity: EntityView;
  rules: Record<string, FieldRule>;
  problems: PermissionProblem[];
  label: (field: string) => string;
  onChange: (field: string, rule: FieldRule | undefined) => void;
}) {
  const problem = (field: string) =>
    props.problems.find((p) => problemPlace(p.pointer).field === field)?.rule;
  return (
    <ul class="plain field-rules">
      <For each={Object.keys(props.entity.fields)}>
        {(field) => (
          <li>
            <select
              aria-label={props.label(field)}
              aria-invalid={!!problem(field)}
              onChange={(e) =>
                props.onChange(field, (e.currentTarget.value || undefined) as FieldRule | undefined)
              }
            >
              <option value="" selected={!props.rules[field]}>
                {t("common.none")}
              </option>
              <option value="readOnly" selected={props.rules[field] === "readOnly"}>
                {t("admin.rule.readOnly")}
              </option>
              <option
                value="hidden"
                selected={props.rules[field] === "hidden"}
                disabled={field === props.entity.titleField}
              >
                {t("admin.rule.hidden")}
              </option>
            </select>
            <span aria-hidden="true">{props.label(field).split(" › ").pop()}</span>
            <span class="error">{problem(field)}</span>
          </li>
        )}
      </For>
    </ul>
  );
}
