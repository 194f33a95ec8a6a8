import type { WidgetProps } from "../widget-props.ts";
import { DecimalInput } from "./decimal-input.tsx";

/** An exact number with the field's scale (default 2, as the engine's decimal type). */
export const DecimalWidget = (props: WidgetProps) => (
  <DecimalInput {...props} scale={props.field.scale ?? 2} />
);
