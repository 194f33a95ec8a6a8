import type { Component } from "solid-js";
import { uiFieldType } from "../fields/type-registry.ts";
import type { WidgetProps } from "./widget-props.ts";
import { pluginWidget } from "../plugins/plugin-contributions.ts";
import { CheckboxWidget } from "./widgets/checkbox-widget.tsx";
import { CheckboxesWidget } from "./widgets/checkboxes-widget.tsx";
import { DateWidget } from "./widgets/date-widget.tsx";
import { DatetimeWidget } from "./widgets/datetime-widget.tsx";
import { DecimalWidget } from "./widgets/decimal-widget.tsx";
import { EmailWidget } from "./widgets/email-widget.tsx";
import { IntegerWidget } from "./widgets/integer-widget.tsx";
import { JsonWidget } from "./widgets/json-widget.tsx";
import { MoneyWidget } from "./widgets/money-widget.tsx";
import { MultiSelectWidget } from "./widgets/multi-select-widget.tsx";
import { PhoneWidget } from "./widgets/phone-widget.tsx";
import { RadioWidget } from "./widgets/radio-widget.tsx";
import { ReferenceWidget } from "./widgets/reference-widget.tsx";
import { RegionWidget } from "./widgets/region-widget.tsx";
import { SelectWidget } from "./widgets/select-widget.tsx";
import { TextWidget } from "./widgets/text-widget.tsx";
import { TextareaWidget } from "./widgets/textarea-widget.tsx";
import { UrlWidget } from "./widgets/url-widget.tsx";

/**
 * Widgets by name: the names field types declare as their default widget
 * (engine/fields/*.field.ts) and those form.json may choose with `ui:widget`
 * (react-jsonschema-form's names where they exist). A new widget is one file
 * and one line here.
 */
export const widgets: Record<string, Component<WidgetProps>> = {
  text: TextWidget,
  textarea: TextareaWidget,
  email: EmailWidget,
  phone: PhoneWidget,
  url: UrlWidget,
  uri: UrlWidget,
  number: DecimalWidget,
  updown: IntegerWidget,
  integer: IntegerWidget,
  money: MoneyWidget,
  checkbox: CheckboxWidget,
  date: DateWidget,
  datetime: DatetimeWidget,
  "date-time": DatetimeWidget,
  select: SelectWidget,
  radio: RadioWidget,
  checkboxes: CheckboxesWidget,
  multiSelect: MultiSelectWidget,
  reference: ReferenceWidget,
  region: RegionWidget,
  json: JsonWidget,
};

/**
 * The widget of a field: its `ui:widget` when known (`<plugin>.<widget>` when
 * that plugin is on), else its type's default (from the server).
 */
export function widgetFor(
  type: string,
  uiWidget: string | undefined,
  typeWidget: string | undefined,
) {
  const ownWidget = uiFieldType(type).widget;
  return (
    (uiWidget && (widgets[uiWidget] ?? pluginWidget(uiWidget))) ||
    (ownWidget && widgets[ownWidget]) ||
    (typeWidget && widgets[typeWidget]) ||
    TextWidget
  );
}
