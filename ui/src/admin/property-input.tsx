import { For, Match, Show, Switch } from "solid-js";
import { hasMessage, t } from "../i18n/i18n.ts";
import { jsonType, type PropertySchema, type TypeProperty } from "./designer-types.ts";

/** A field property's name on screen; a property the UI has no words for shows its key. */
export const propertyName = (key: string) => {
  const k = `admin.designer.prop.${key}`;
  return hasMessage(k) ? t(k) : key;
};

/**
 * The input of one field property, chosen from its JSON Schema as the engine
 * serves it (GET /api/admin/field-types): a checkbox for a boolean, a select
 * for an enumeration or a reference's target, a number input within the
 * schema's limits, else text. `default` takes a value of the field's own kind.
 */
export function PropertyInput(props: {
  id: string;
  property: TypeProperty;
  value: unknown;
  onChange: (value: unknown) => void;
  problem: string | undefined;
  disabled: boolean;
  /** Reference targets: entity key → its name. */
  entities: { key: string; name: string }[];
  /** For `default`: the JSON type of a value and the field's options, if it has some. */
  valueType: string | null;
  options: { value: string; label: string }[] | undefined;
}) {
  const schema = (): PropertySchema =>
    props.property.key === "default"
      ? { type: props.valueType ?? "string" }
      : props.property.schema;
  const name = () => propertyName(props.property.key);
  const described = () => (props.problem ? `${props.id}-error` : undefined);
  const numeric = () => jsonType(schema()) === "integer" || jsonType(schema()) === "number";
  const choices = (): { value: string; label: string }[] | undefined => {
    if (props.property.key === "entity")
      return props.entities.map((e) => ({ value: e.key, label: `${e.name} (${e.key})` }));
    if (props.property.key === "default" && props.options) return props.options;
    return schema().enum?.map((v) => ({ value: v, label: optionName(props.property.key, v) }));
  };
  const common = () => ({
    id: props.id,
    disabled: props.disabled,
    "aria-invalid": !!props.problem || undefined,
    "aria-describedby": described(),
  });
  return (
    <div class="field" classList={{ invalid: !!props.problem }}>
      <Switch
        fallback={
          <>
            <label for={props.id}>{name()}</label>
            <Show
              when={choices()}
              fallback={
                <input
                  {...common()}
                  type={numeric() ? "number" : "text"}
                  step={jsonType(schema()) === "integer" ? 1 : "any"}
                  min={schema().minimum}
                  max={schema().maximum}
                  value={
                    props.value === undefined || props.value === null ? "" : String(props.value)
                  }
                  onInput={(e) => {
                    const text = e.currentTarget.value;
                    props.onChange(text === "" ? undefined : numeric() ? Number(text) : text);
                  }}
                />
              }
            >
              {(list) => (
                <select
                  {...common()}
                  onChange={(e) => props.onChange(e.currentTarget.value || undefined)}
                >
                  <option value="" selected={props.value === undefined}>
                    {t("common.none")}
                  </option>
                  <For each={list()}>
                    {(c) => (
                      <option value={c.value} selected={props.value === c.value}>
                        {c.label}
                      </option>
                    )}
                  </For>
                </select>
              )}
            </Show>
          </>
        }
      >
        <Match when={jsonType(schema()) === "boolean" && props.property.key !== "default"}>
          <label class="choice">
            <input
              {...common()}
              type="checkbox"
              checked={props.value === true}
              onChange={(e) => props.onChange(e.currentTarget.checked)}
            />
            {name()}
          </label>
        </Match>
        <Match when={jsonType(schema()) === "boolean"}>
          <label for={props.id}>{name()}</label>
          <select
            {...common()}
            onChange={(e) =>
              props.onChange(
                e.currentTarget.value === "" ? undefined : e.currentTarget.value === "1",
              )
            }
          >
            <option value="" selected={props.value === undefined}>
              {t("common.none")}
            </option>
            <option value="1" selected={props.value === true}>
              {t("common.yes")}
            </option>
            <option value="0" selected={props.value === false}>
              {t("common.no")}
            </option>
          </select>
        </Match>
      </Switch>
      <Show when={props.problem}>
        <span id={`${props.id}-error`} class="error">
          {props.problem}
        </span>
      </Show>
    </div>
  );
}

/** A value of an enumerated property (onDelete's restrict, cascade, setNull) in words. */
function optionName(property: string, value: string): string {
  const k = `admin.designer.prop.${property}.${value}`;
  return hasMessage(k) ? t(k) : value;
}
