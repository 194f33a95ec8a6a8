import { createEffect, createSignal, For, Show } from "solid-js";
import { fieldTypes, meta } from "../api/meta-store.ts";
import type { EntityView, RecordData } from "../api/meta-types.ts";
import { fieldLabel, t } from "../i18n/i18n.ts";
import { uiFieldType } from "../fields/type-registry.ts";
import { formatValue } from "../format/format-field.ts";
import { Link } from "../router/link.tsx";
import { navigate } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import { InlineCell } from "./inline-cell.tsx";
import { cellEditable } from "./inline-edit.ts";

/**
 * Records as a table: one column per field, the title field linking to the
 * record. With `onSort`, each sortable header is a button that sorts by it (again to
 * reverse), and aria-sort tells which column the rows are sorted by.
 */
export function RecordTable(props: {
  entity: EntityView;
  columns: { field: string; width?: number }[];
  rows: RecordData[];
  sort?: string;
  onSort?: (field: string) => void;
  caption: string;
  /**
   * With `onRowChange`, the grid is keyboard-navigable (arrows move the focused
   * cell, Enter or F2 edits an editable cell, Enter elsewhere opens the row) and
   * editable fields edit in place (double-click); saved rows come back through it.
   */
  onRowChange?: (row: RecordData) => void;
  /** With `onSelect`, a first column of checkboxes (the header's selects the page). */
  selected?: string[];
  onSelect?: (ids: string[]) => void;
  /**
   * What the body says without rows: "No records." only once an answer said
   * so; "Loading…" before the first answer; nothing after a failure (the
   * page's banner says what went wrong).
   */
  state?: "loading" | "failed" | "answered";
}) {
  const settings = () => meta()!.company.settings;
  /** As the list API sorts: system columns always, fields when their type has an order. */
  const sortable = (field: string) => {
    const type = props.entity.fields[field]?.type;
    return type === undefined || fieldTypes()[type]?.sortable !== false;
  };
  const direction = (field: string) =>
    props.sort === field ? "ascending" : props.sort === `-${field}` ? "descending" : undefined;
  const linkField = () =>
    props.columns.some((c) => c.field === props.entity.titleField)
      ? props.entity.titleField
      : props.columns[0]?.field;
  const [editing, setEditing] = createSignal<{ id: string; field: string }>();
  const [cursor, setCursor] = createSignal<[number, number]>([0, 0]);
  let table!: HTMLTableElement;
  const cellAt = (r: number, c: number) =>
    table.querySelector<HTMLElement>(`td[data-r="${r}"][data-c="${c}"]`);
  const edit = (row: RecordData, field: string) => {
    if (props.onRowChange && cellEditable(props.entity, field))
      setEditing({ id: String(row.id), field });
  };
  const stopEditing = () => {
    setEditing(undefined);
    queueMicrotask(() => cellAt(...cursor())?.focus());
  };
  const isEditing = (row: RecordData, field: string) =>
    editing()?.id === String(row.id) && editing()?.field === field;
  const onGridKey = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    const cell = target.closest<HTMLElement>("td[data-r]");
    if (!cell || target.closest(".inline-cell") || event.altKey || event.ctrlKey) return;
    const r = Number(cell.dataset.r);
    const c = Number(cell.dataset.c);
    const move: Record<string, [number, number]> = {
      ArrowUp: [r - 1, c],
      ArrowDown: [r + 1, c],
      ArrowLeft: [r, c - 1],
      ArrowRight: [r, c + 1],
      Home: [r, 0],
      End: [r, props.columns.length - 1],
    };
    const to = move[event.key];
    if (to) {
      cellAt(...to)?.focus();
    } else if ((event.key === "Enter" || event.key === "F2") && target === cell) {
      const row = props.rows[r]!;
      const field = props.columns[c]!.field;
      // Enter on the title opens the record; elsewhere it edits (F2 edits the title too).
      const opens = event.key === "Enter" && field === linkField();
      if (!opens && cellEditable(props.entity, field)) edit(row, field);
      else if (event.key === "Enter") navigate(paths.detail(props.entity.key, String(row.id)));
      else return;
    } else return;
    event.preventDefault();
  };
  const ids = () => props.rows.map((r) => String(r.id));
  const isSelected = (id: string) => !!props.selected?.includes(id);
  const allSelected = () => ids().length > 0 && ids().every(isSelected);
  const toggle = (id: string) =>
    props.onSelect!(
      isSelected(id) ? props.selected!.filter((s) => s !== id) : [...(props.selected ?? []), id],
    );
  return (
    <table
      class="records"
      ref={table}
      onKeyDown={(e) => props.onRowChange && onGridKey(e)}
      onFocusIn={(e) => {
        const cell = (e.target as HTMLElement).closest<HTMLElement>("td[data-r]");
        if (cell) setCursor([Number(cell.dataset.r), Number(cell.dataset.c)]);
      }}
    >
      <caption class="visually-hidden">{props.caption}</caption>
      <thead>
        <tr>
          <Show when={props.onSelect}>
            <th scope="col" class="select-col">
              <input
                type="checkbox"
                aria-label={t("tools.selectPage")}
                checked={allSelected()}
                ref={(el) =>
                  createEffect(
                    () => (el.indeterminate = !allSelected() && !!props.selected?.length),
                  )
                }
                onChange={() => props.onSelect!(allSelected() ? [] : ids())}
              />
            </th>
          </Show>
          <For each={props.columns}>
            {(c) => (
              <th
                scope="col"
                aria-sort={direction(c.field) ?? "none"}
                style={{ width: c.width ? `${c.width}px` : undefined }}
              >
                <Show
                  when={props.onSort && sortable(c.field)}
                  fallback={fieldLabel(props.entity, c.field)}
                >
                  <button
                    type="button"
                    class="sort"
                    aria-label={t("list.sortBy", { field: fieldLabel(props.entity, c.field) })}
                    onClick={() => props.onSort!(c.field)}
                  >
                    {fieldLabel(props.entity, c.field)}
                    <span aria-hidden="true">
                      {direction(c.field) === "ascending"
                        ? " ▲"
                        : direction(c.field) === "descending"
                          ? " ▼"
                          : ""}
                    </span>
                  </button>
                </Show>
              </th>
            )}
          </For>
        </tr>
      </thead>
      <tbody>
        <For
          each={props.rows}
          fallback={
            <tr>
              <td
                colSpan={props.columns.length + (props.onSelect ? 1 : 0)}
                class="muted"
                role={props.state === "loading" ? "status" : undefined}
              >
                {props.state === "loading"
                  ? t("common.loading")
                  : props.state === "failed"
                    ? ""
                    : t("list.empty")}
              </td>
            </tr>
          }
        >
          {(row, r) => (
            <tr>
              <Show when={props.onSelect}>
                <td class="select-col">
                  <input
                    type="checkbox"
                    aria-label={t("tools.selectRow", {
                      title: String(row[props.entity.titleField] ?? row.id),
                    })}
                    checked={isSelected(String(row.id))}
                    onChange={() => toggle(String(row.id))}
                  />
                </td>
              </Show>
              <For each={props.columns}>
                {(c, ci) => (
                  <td
                    classList={{
                      num: uiFieldType(props.entity.fields[c.field]?.type).numeric === true,
                      editing: isEditing(row, c.field),
                    }}
                    data-r={props.onRowChange ? r() : undefined}
                    data-c={props.onRowChange ? ci() : undefined}
                    tabindex={
                      props.onRowChange
                        ? cursor()[0] === r() && cursor()[1] === ci()
                          ? 0
                          : -1
                        : undefined
                    }
                    onDblClick={() => edit(row, c.field)}
                  >
                    <Show
                      when={!isEditing(row, c.field)}
                      fallback={
                        <InlineCell
                          entity={props.entity}
                          field={c.field}
                          row={row}
                          onSaved={(saved) => props.onRowChange!(saved)}
                          onClose={stopEditing}
                        />
                      }
                    >
                      <Show
                        when={c.field === linkField()}
                        fallback={formatValue(props.entity, c.field, row, settings())}
                      >
                        <Link href={paths.detail(props.entity.key, String(row.id))}>
                          {formatValue(props.entity, c.field, row, settings()) || t("common.none")}
                        </Link>
                      </Show>
                    </Show>
                  </td>
                )}
              </For>
            </tr>
          )}
        </For>
      </tbody>
    </table>
  );
}
