import type { WidgetProps } from "../widget-props.ts";
import { TextWidget } from "./text-widget.tsx";

/** A web address, checked as a URI by the shared schema. */
export const UrlWidget = (props: WidgetProps) => (
  <TextWidget {...props} type="url" inputMode="url" />
);
