import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/**
 * A one-line text input; email, phone and url widgets are this with another
 * input type, so browsers offer the right keyboard and autofill.
 */
export function TextWidget(
  props: WidgetProps & { type?: string; inputMode?: "tel" | "email" | "url" | "text" },
) {
  return (
    <input
      {...controlAttrs(props)}
      type={props.type ?? "text"}
      inputMode={props.inputMode}
      value={(props.value as string | null) ?? ""}
      maxLength={props.field.maxLength}
      placeholder={props.ui["ui:placeholder"]}
      readOnly={props.readOnly}
      onInput={(e) => props.onChange(e.currentTarget.value === "" ? null : e.currentTarget.value)}
    />
  );
}
