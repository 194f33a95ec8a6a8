import { For } from "solid-js";
import { choosableOptions } from "./choosable-options.ts";
import { optionLabel } from "../../i18n/i18n.ts";
import type { WidgetProps } from "../widget-props.ts";

/**
 * Every option of a field as a labelled radio or checkbox, in metadata order,
 * the whole group named by the field's label: what the radio and checkboxes
 * widgets share.
 */
export function ChoiceGroup(props: {
  widget: WidgetProps;
  type: "radio" | "checkbox";
  checked: (option: string) => boolean;
  onToggle: (option: string, on: boolean) => void;
}) {
  const w = () => props.widget;
  return (
    <div
      id={w().id}
      role={props.type === "radio" ? "radiogroup" : "group"}
      class="choice-group"
      aria-labelledby={w().labelId || undefined}
      aria-label={w().labelId ? undefined : w().label}
      aria-describedby={w().describedBy}
      aria-invalid={w().invalid || undefined}
    >
      <For each={choosableOptions(w())}>
        {(option) => (
          <label class="choice">
            <input
              type={props.type}
              name={w().name}
              value={option}
              checked={props.checked(option)}
              disabled={w().readOnly}
              onChange={(e) => props.onToggle(option, e.currentTarget.checked)}
            />
            {optionLabel(w().entity, w().name, option)}
          </label>
        )}
      </For>
    </div>
  );
}
