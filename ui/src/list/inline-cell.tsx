import { createSignal, onMount, Show } from "solid-js";
import { Dynamic } from "solid-js/web";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { fieldTypes, validators } from "../api/meta-store.ts";
import type { EntityView, FieldUi } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { fieldLabel, t } from "../i18n/i18n.ts";
import { serverProblems, validateRecord } from "../form/validate-record.ts";
import { widgetFor } from "../form/widget-registry.ts";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * A grid cell's editor: the field's form widget in the cell. Enter or
 * leaving the cell saves through PATCH with the row's version (If-Match),
 * after the browser-side check the form runs; Escape cancels. A 400 shows on
 * the cell; a 409 offers to reload the row.
 */
export function InlineCell(props: {
  entity: EntityView;
  field: string;
  row: RecordData;
  onSaved: (row: RecordData) => void;
  onClose: () => void;
}) {
  const [value, setValue] = createSignal<unknown>(props.row[props.field] ?? null);
  const [error, setError] = createSignal("");
  const [stale, setStale] = createSignal(false);
  const [saving, setSaving] = createSignal(false);
  const meta = () => props.entity.fields[props.field]!;
  const ui = () => (props.entity.form[props.field] as FieldUi | undefined) ?? {};
  const id = () => `cell-${String(props.row.id)}-${props.field}`;
  const url = () => `/api/data/${props.entity.key}/${String(props.row.id)}`;
  const focus = () => document.getElementById(id())?.focus();
  onMount(focus);

  const save = async () => {
    if (saving()) return;
    if (same(value(), props.row[props.field])) return props.onClose();
    const body = { [props.field]: value() === "" ? null : value() };
    const problems = validateRecord(props.entity, validators()[props.entity.key], body, false, [
      props.field,
    ]);
    if (problems[props.field]) {
      setError(problems[props.field]!);
      return focus();
    }
    setSaving(true);
    try {
      const saved = await api<RecordData>("PATCH", url(), body, {
        "If-Match": `"${String(props.row.version)}"`,
      });
      props.onSaved(saved);
      props.onClose();
    } catch (err) {
      if (!(err instanceof ApiFailure)) throw err;
      if (err.status === 409 && err.code === "stale") {
        setStale(true);
        setError(t("tools.cellStale"));
      } else setError(serverProblems(err.fieldProblems)[props.field] ?? err.message);
      focus();
    } finally {
      setSaving(false);
    }
  };
  const reload = async () => {
    const fresh = await api<RecordData>("GET", url());
    props.onSaved(fresh);
    props.onClose();
  };

  return (
    <div
      class="inline-cell"
      onKeyDown={(e) => {
        if (e.key === "Escape") {
          e.preventDefault();
          e.stopPropagation();
          props.onClose();
        } else if (e.key === "Enter" && !(e.target instanceof HTMLTextAreaElement && e.shiftKey)) {
          if (e.target instanceof HTMLButtonElement) return;
          e.preventDefault();
          e.stopPropagation();
          // A decimal pads itself on blur: let it, then save.
          (e.target as HTMLElement).blur?.();
          void save();
        }
      }}
      onFocusOut={(e) => {
        const next = e.relatedTarget as Node | null;
        if (!next || !e.currentTarget.contains(next)) void save();
      }}
    >
      <Dynamic
        component={widgetFor(meta().type, ui()["ui:widget"], fieldTypes()[meta().type]?.widget)}
        id={id()}
        name={props.field}
        label={t("tools.editCell", { field: fieldLabel(props.entity, props.field) })}
        labelId=""
        entity={props.entity}
        field={meta()}
        ui={ui()}
        value={value()}
        onChange={(v: unknown) => {
          setValue(v);
          if (!stale()) setError("");
        }}
        readOnly={false}
        invalid={!!error()}
        describedBy={error() ? `${id()}-error` : undefined}
        record={props.row}
      />
      <Show when={error()}>
        <span id={`${id()}-error`} class="cell-error" role="alert">
          {error()}
          <Show when={stale()}>
            {" "}
            <button type="button" onClick={() => void reload()}>
              {t("tools.reloadRow")}
            </button>
          </Show>
        </span>
      </Show>
    </div>
  );
}
