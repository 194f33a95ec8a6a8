import { For } from "solid-js";
import { optionLabel } from "../../i18n/i18n.ts";
import type { WidgetProps } from "../widget-props.ts";

/** Several options of a multi-enum as checkboxes (`ui:widget: "checkboxes"`), kept in metadata order. */
export function CheckboxesWidget(props: WidgetProps) {
  const chosen = () => (props.value as string[] | null) ?? [];
  const toggle = (option: string, on: boolean) => {
    const next = (props.field.options ?? []).filter((o) =>
      o === option ? on : chosen().includes(o),
    );
    props.onChange(next.length ? next : null);
  };
  return (
    <div
      id={props.id}
      role="group"
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
              type="checkbox"
              name={props.name}
              value={option}
              checked={chosen().includes(option)}
              disabled={props.readOnly}
              onChange={(e) => toggle(option, e.currentTarget.checked)}
            />
            {optionLabel(props.entity, props.name, option)}
          </label>
        )}
      </For>
    </div>
  );
}
