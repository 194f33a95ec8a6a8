import { For } from "solid-js";
import { choosableOptions } from "./choosable-options.ts";
import { optionLabel } from "../../i18n/i18n.ts";
import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** Several options of a multi-enum from a list box (the type's default widget). */
export function MultiSelectWidget(props: WidgetProps) {
  const chosen = () => (props.value as string[] | null) ?? [];
  return (
    <select
      {...controlAttrs(props)}
      multiple
      size={Math.min(6, choosableOptions(props).length || 1)}
      disabled={props.readOnly}
      onChange={(e) => {
        const next = [...e.currentTarget.selectedOptions].map((o) => o.value);
        props.onChange(next.length ? next : null);
      }}
    >
      <For each={choosableOptions(props)}>
        {(option) => (
          <option value={option} selected={chosen().includes(option)}>
            {optionLabel(props.entity, props.name, option)}
          </option>
        )}
      </For>
    </select>
  );
}
