import type { WidgetProps } from "../widget-props.ts";
import { ChoiceGroup } from "./choice-group.tsx";

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
    <ChoiceGroup
      widget={props}
      type="checkbox"
      checked={(option) => chosen().includes(option)}
      onToggle={toggle}
    />
  );
}
