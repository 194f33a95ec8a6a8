import type { WidgetProps } from "../widget-props.ts";
import { TextWidget } from "./text-widget.tsx";

/** An e-mail address: type=email gives the @ keyboard; the schema's format decides validity. */
export const EmailWidget = (props: WidgetProps) => (
  <TextWidget {...props} type="email" inputMode="email" />
);
