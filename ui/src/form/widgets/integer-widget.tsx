import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/**
 * A whole number. What cannot be read as one is passed on as typed, so the
 * shared schema reports it on the field instead of the input dropping it.
 */
export function IntegerWidget(props: WidgetProps) {
  return (
    <input
      {...controlAttrs(props)}
      type="text"
      inputMode="numeric"
      value={props.value === null || props.value === undefined ? "" : String(props.value)}
      placeholder={props.ui["ui:placeholder"]}
      readOnly={props.readOnly}
      onInput={(e) => {
        const text = e.currentTarget.value.trim();
        props.onChange(text === "" ? null : /^-?\d+$/.test(text) ? Number(text) : text);
      }}
    />
  );
}
