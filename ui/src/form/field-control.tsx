import { Dynamic } from "solid-js/web";
import { Show } from "solid-js";
import { fieldTypes } from "../api/meta-store.ts";
import type { EntityView, FieldUi } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { fieldLabel, helpText, locale, placeholderText } from "../i18n/i18n.ts";
import { widgetFor } from "./widget-registry.ts";

/**
 * One field of a form: its label, the widget chosen by `ui:widget` or the
 * field's type (through <Dynamic>), help and the error, tied together with
 * for/aria-describedby so a screen reader reads them with the control.
 */
export function FieldControl(props: {
  entity: EntityView;
  name: string;
  ui: FieldUi;
  colspan: number;
  record: RecordData;
  /** The whole form's current values, for widgets that depend on other fields. */
  values?: Record<string, unknown>;
  value: unknown;
  onChange: (value: unknown) => void;
  readOnly: boolean;
  error: string | undefined;
}) {
  const id = () => `f-${props.name}`;
  const field = () => props.entity.fields[props.name]!;
  // Help keyed by the field itself needs no `ui:help`: a designer's field has no form entry.
  const help = () =>
    props.ui["ui:help"] ??
    (props.entity.labels[locale()]?.help?.[props.name] === undefined ? undefined : props.name);
  const ui = (): FieldUi => {
    const placeholder = props.ui["ui:placeholder"] ?? placeholderText(props.entity, props.name);
    return placeholder === undefined ? props.ui : { ...props.ui, "ui:placeholder": placeholder };
  };
  const describedBy = () =>
    [help() && `${id()}-help`, props.error && `${id()}-error`].filter(Boolean).join(" ") ||
    undefined;
  const widget = () =>
    widgetFor(field().type, props.ui["ui:widget"], fieldTypes()[field().type]?.widget);
  return (
    <div
      class="field"
      classList={{ invalid: !!props.error }}
      style={{ "grid-column": `span ${props.colspan}` }}
    >
      {/* The marker stays outside the label: the control's name is the field's label alone. */}
      <span class="label-row">
        <label id={`${id()}-label`} for={id()}>
          {fieldLabel(props.entity, props.name)}
        </label>
        <Show when={field().required && !props.readOnly}>
          <span class="required" aria-hidden="true">
            *
          </span>
        </Show>
      </span>
      <Dynamic
        component={widget()}
        id={id()}
        name={props.name}
        label={fieldLabel(props.entity, props.name)}
        labelId={`${id()}-label`}
        entity={props.entity}
        field={field()}
        ui={ui()}
        value={props.value}
        onChange={props.onChange}
        readOnly={props.readOnly}
        invalid={!!props.error}
        describedBy={describedBy()}
        record={props.record}
        values={props.values}
      />
      <Show when={help()}>
        <p id={`${id()}-help`} class="help">
          {helpText(props.entity, help()!)}
        </p>
      </Show>
      <Show when={props.error}>
        <p id={`${id()}-error`} class="error">
          {props.error}
        </p>
      </Show>
    </div>
  );
}
