import { For } from "solid-js";
import { optionLabel } from "../../i18n/i18n.ts";
import type { WidgetProps } from "../widget-props.ts";

/** One option of an enum, all options visible (`ui:widget: "radio"`); arrow keys move between them. */
export function RadioWidget(props: WidgetProps) {
  return (
    <div
      id={props.id}
      role="radiogroup"
      class="choice-group"
      aria-labelledby={props.labelId || undefined}
      aria-label={props.labelId ? undefined : props.label}
      aria-describedby={props.describedBy}
      aria-invalid={props.invalid || undefined}
    >
      <For each={props.field.options ?? []}>
        {(option) => (
          <label class="choice">
            <input
              type="radio"
              name={props.name}
              value={option}
              checked={props.value === option}
              disabled={props.readOnly}
              onChange={() => props.onChange(option)}
            />
            {optionLabel(props.entity, props.name, option)}
          </label>
        )}
      </For>
    </div>
  );
}
