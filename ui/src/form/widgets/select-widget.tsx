import { For } from "solid-js";
import { choosableOptions } from "./choosable-options.ts";
import { optionLabel, t } from "../../i18n/i18n.ts";
import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** One option of an enum, from a drop-down; the empty choice clears an optional field. */
export function SelectWidget(props: WidgetProps) {
  return (
    <select
      {...controlAttrs(props)}
      disabled={props.readOnly}
      onChange={(e) => props.onChange(e.currentTarget.value === "" ? null : e.currentTarget.value)}
    >
      <option value="" selected={props.value == null}>
        {props.field.required ? "" : t("common.none")}
      </option>
      <For each={choosableOptions(props)}>
        {(option) => (
          <option value={option} selected={props.value === option}>
            {optionLabel(props.entity, props.name, option)}
          </option>
        )}
      </For>
    </select>
  );
}
