import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** A yes/no value. */
export function CheckboxWidget(props: WidgetProps) {
  return (
    <input
      {...controlAttrs(props)}
      type="checkbox"
      checked={props.value === true}
      disabled={props.readOnly}
      onChange={(e) => props.onChange(e.currentTarget.checked)}
    />
  );
}
