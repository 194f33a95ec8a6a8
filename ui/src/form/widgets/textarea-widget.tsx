import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** Long text; `ui:options.rows` sets its height. */
export function TextareaWidget(props: WidgetProps) {
  const rows = () => Number(props.ui["ui:options"]?.rows ?? 4);
  return (
    <textarea
      {...controlAttrs(props)}
      rows={rows()}
      value={(props.value as string | null) ?? ""}
      maxLength={props.field.maxLength}
      placeholder={props.ui["ui:placeholder"]}
      readOnly={props.readOnly}
      onInput={(e) => props.onChange(e.currentTarget.value === "" ? null : e.currentTarget.value)}
    />
  );
}
