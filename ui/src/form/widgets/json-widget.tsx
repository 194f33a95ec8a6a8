import { createSignal } from "solid-js";
import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** Any JSON value, edited as text; text that does not parse is kept and reported by the schema. */
export function JsonWidget(props: WidgetProps) {
  const [text, setText] = createSignal(
    props.value == null ? "" : JSON.stringify(props.value, null, 2),
  );
  return (
    <textarea
      {...controlAttrs(props)}
      class="mono"
      rows={4}
      value={text()}
      readOnly={props.readOnly}
      onInput={(e) => {
        setText(e.currentTarget.value);
        try {
          props.onChange(
            e.currentTarget.value.trim() === "" ? null : JSON.parse(e.currentTarget.value),
          );
        } catch {
          props.onChange(e.currentTarget.value);
        }
      }}
    />
  );
}
