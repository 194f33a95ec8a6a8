import { controlAttrs, t, type WidgetProps } from "../../../ui/src/plugins/plugin-sdk.ts";

/** A text input that says how many characters the field has left. */
export function CountedText(props: WidgetProps) {
  const text = () => String(props.value ?? "");
  const max = () => props.field.maxLength ?? 200;
  return (
    <span class="pluginname-counted">
      <input
        type="text"
        {...controlAttrs(props)}
        value={text()}
        maxLength={max()}
        readOnly={props.readOnly}
        onInput={(e) => props.onChange(e.currentTarget.value === "" ? null : e.currentTarget.value)}
      />
      <small class="muted">{t("pluginname.left", { count: max() - text().length })}</small>
    </span>
  );
}
