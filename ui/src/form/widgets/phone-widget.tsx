import type { WidgetProps } from "../widget-props.ts";
import { TextWidget } from "./text-widget.tsx";

/** A phone number as typed (extensions, spaces, +86…): the schema only keeps out plain text. */
export const PhoneWidget = (props: WidgetProps) => (
  <TextWidget {...props} type="tel" inputMode="tel" />
);
