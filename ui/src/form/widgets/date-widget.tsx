import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** A calendar day ("YYYY-MM-DD"), the browser's own accessible date picker. */
export function DateWidget(props: WidgetProps) {
  return (
    <input
      {...controlAttrs(props)}
      type="date"
      min="1000-01-01"
      max="9999-12-31"
      value={(props.value as string | null) ?? ""}
      readOnly={props.readOnly}
      onInput={(e) => props.onChange(e.currentTarget.value || null)}
    />
  );
}
