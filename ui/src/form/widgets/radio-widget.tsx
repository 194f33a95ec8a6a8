import type { WidgetProps } from "../widget-props.ts";
import { ChoiceGroup } from "./choice-group.tsx";

/** One option of an enum, all options visible (`ui:widget: "radio"`); arrow keys move between them. */
export function RadioWidget(props: WidgetProps) {
  return (
    <ChoiceGroup
      widget={props}
      type="radio"
      checked={(option) => props.value === option}
      onToggle={(option) => props.onChange(option)}
    />
  );
}
