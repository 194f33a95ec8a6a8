import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/** Pads a typed decimal to `scale` digits, as strings: no float ever rounds an amount. */
export function padScale(text: string, scale: number): string {
  const match = /^(-?)(\d*)(?:\.(\d*))?$/.exec(text.replace(/[,\s]/g, ""));
  if (!match) return text;
  const [, sign, whole, fraction = ""] = match;
  if (fraction.length > scale) return text;
  const int = (whole || "0").replace(/^0+(?=\d)/, "");
  return scale === 0 ? `${sign}${int}` : `${sign}${int}.${fraction.padEnd(scale, "0")}`;
}

/**
 * The input behind decimal and money: the API value is a decimal string with
 * the field's scale ("1234.50"); on leaving the field the value is padded to it.
 */
export function DecimalInput(props: WidgetProps & { scale: number; unit?: string }) {
  return (
    <span class="unit-input">
      <input
        {...controlAttrs(props)}
        type="text"
        inputMode="decimal"
        value={(props.value as string | null) ?? ""}
        placeholder={
          props.ui["ui:placeholder"] ?? (props.scale ? `0.${"0".repeat(props.scale)}` : "0")
        }
        readOnly={props.readOnly}
        onInput={(e) =>
          props.onChange(e.currentTarget.value.trim() === "" ? null : e.currentTarget.value.trim())
        }
        onBlur={(e) => {
          const text = e.currentTarget.value.trim();
          if (text !== "") props.onChange(padScale(text, props.scale));
        }}
      />
      {props.unit && (
        <span class="unit" aria-hidden="true">
          {props.unit}
        </span>
      )}
    </span>
  );
}
