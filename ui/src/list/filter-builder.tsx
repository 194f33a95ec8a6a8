import { For, Show } from "solid-js";
import { createStore } from "solid-js/store";
import { Dynamic } from "solid-js/web";
import { fieldTypes } from "../api/meta-store.ts";
import type { EntityView, FieldMeta } from "../api/meta-types.ts";
import { fieldLabel, t, type MessageKey } from "../i18n/i18n.ts";
import { widgetFor } from "../form/widget-registry.ts";
import { filterInput, instantField, uiFieldType } from "../fields/type-registry.ts";
import { filterTree, type Condition } from "./filter-tree.ts";

const systemFilterFields: Record<string, FieldMeta> = {
  createdAt: instantField,
  updatedAt: instantField,
};

/**
 * Builds a filter from rows of field, operator and value. Operators come from
 * the server's field types, so the builder offers exactly what the list API
 * accepts; values are typed with the field's own widget.
 */
export function FilterBuilder(props: { entity: EntityView; onApply: (tree: unknown) => void }) {
  let next = 1;
  const [rows, setRows] = createStore<Condition[]>([]);
  const fields = () => ({
    ...Object.fromEntries(
      Object.entries(props.entity.fields).filter(([, f]) => !uiFieldType(f.type).unlisted),
    ),
    ...systemFilterFields,
  });
  const operators = (field: string) => fieldTypes()[fields()[field]?.type ?? ""]?.operators ?? [];
  // A store keeps each row's identity, so typing in a value never rebuilds its row (focus stays).
  const update = (id: number, change: Partial<Condition>) => setRows((r) => r.id === id, change);
  const add = () => {
    const field = props.entity.list.filters?.[0] ?? Object.keys(fields())[0]!;
    setRows(rows.length, { id: next++, field, op: operators(field)[0] ?? "eq", value: null });
  };
  const apply = (event: SubmitEvent) => {
    event.preventDefault();
    props.onApply(
      filterTree(
        rows.map((r) => {
          const toValue = uiFieldType(fields()[r.field]?.type).filterValue;
          return toValue && r.value !== null && r.op !== "isNull"
            ? { ...r, value: toValue(r.value) }
            : r;
        }),
      ),
    );
  };

  const valueInput = (row: Condition, which: "value" | "value2", label: string) => {
    const field = fields()[row.field]!;
    const input = filterInput(field, row.op === "in" || row.op === "nin");
    return (
      <Dynamic
        component={widgetFor(input.meta.type, input.widget, fieldTypes()[input.meta.type]?.widget)}
        id={`filter-${row.id}-${which}`}
        name={row.field}
        label={label}
        labelId=""
        entity={props.entity}
        field={input.meta}
        ui={{ "ui:placeholder": label }}
        value={row[which]}
        onChange={(v: unknown) => update(row.id, { [which]: v })}
        readOnly={false}
        invalid={false}
        describedBy={undefined}
        record={{}}
      />
    );
  };

  return (
    <form class="filter-builder" onSubmit={apply} aria-label={t("list.filters")}>
      <For each={rows}>
        {(row) => (
          <div class="filter-row">
            <select
              aria-label={t("list.field")}
              value={row.field}
              onChange={(e) =>
                update(row.id, {
                  field: e.currentTarget.value,
                  op: operators(e.currentTarget.value)[0] ?? "eq",
                  value: null,
                  value2: null,
                })
              }
            >
              <For each={Object.keys(fields())}>
                {(f) => <option value={f}>{fieldLabel(props.entity, f)}</option>}
              </For>
            </select>
            <select
              aria-label={t("list.operator")}
              value={row.op}
              onChange={(e) =>
                update(row.id, { op: e.currentTarget.value, value: null, value2: null })
              }
            >
              <For each={operators(row.field)}>
                {(op) => <option value={op}>{t(`op.${op}` as MessageKey)}</option>}
              </For>
            </select>
            <Show
              when={row.op !== "isNull"}
              fallback={
                <select
                  aria-label={t("list.value")}
                  onChange={(e) => update(row.id, { value: e.currentTarget.value === "true" })}
                >
                  <option value="true">{t("op.isNull")}</option>
                  <option value="false">{t("op.notNull")}</option>
                </select>
              }
            >
              <span class="filter-value">{valueInput(row, "value", t("list.value"))}</span>
              <Show when={row.op === "between"}>
                <span>{t("list.valueTo")}</span>
                <span class="filter-value">{valueInput(row, "value2", t("list.valueTo"))}</span>
              </Show>
            </Show>
            <button
              type="button"
              class="icon"
              aria-label={t("list.removeCondition")}
              onClick={() => setRows(rows.filter((r) => r.id !== row.id))}
            >
              ×
            </button>
          </div>
        )}
      </For>
      <div class="actions">
        <button type="button" onClick={add}>
          {t("list.addCondition")}
        </button>
        <button type="submit" class="primary">
          {t("common.apply")}
        </button>
        <button
          type="button"
          onClick={() => {
            setRows([]);
            props.onApply(undefined);
          }}
        >
          {t("common.clear")}
        </button>
      </div>
    </form>
  );
}
