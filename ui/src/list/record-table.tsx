import { createEffect, For, Show } from "solid-js";
import { meta } from "../api/meta-store.ts";
import type { EntityView, RecordData } from "../api/meta-types.ts";
import { fieldLabel, t } from "../i18n/i18n.ts";
import { formatValue } from "../format/format-value.ts";
import { Link } from "../router/link.tsx";
import { paths } from "../router/routes.ts";

const numericTypes = new Set(["integer", "decimal", "money"]);
/** Arrays and JSON have no order a user would expect; the list API refuses to sort by them. */
const unsortable = new Set(["json", "multiEnum"]);

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
  /** With `onSelect`, a first column of checkboxes (the header's selects the page). */
  selected?: string[];
  onSelect?: (ids: string[]) => void;
}) {
  const settings = () => meta()!.company.settings;
  const direction = (field: string) =>
    props.sort === field ? "ascending" : props.sort === `-${field}` ? "descending" : undefined;
  const linkField = () =>
    props.columns.some((c) => c.field === props.entity.titleField)
      ? props.entity.titleField
      : props.columns[0]?.field;
  const ids = () => props.rows.map((r) => String(r.id));
  const isSelected = (id: string) => !!props.selected?.includes(id);
  const allSelected = () => ids().length > 0 && ids().every(isSelected);
  const toggle = (id: string) =>
    props.onSelect!(
      isSelected(id) ? props.selected!.filter((s) => s !== id) : [...(props.selected ?? []), id],
    );
  return (
    <table class="records">
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
                  when={props.onSort && !unsortable.has(props.entity.fields[c.field]?.type ?? "")}
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
              <td colSpan={props.columns.length + (props.onSelect ? 1 : 0)} class="muted">
                {t("list.empty")}
              </td>
            </tr>
          }
        >
          {(row) => (
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
                {(c) => (
                  <td
                    classList={{ num: numericTypes.has(props.entity.fields[c.field]?.type ?? "") }}
                  >
                    <Show
                      when={c.field === linkField()}
                      fallback={formatValue(props.entity, c.field, row, settings())}
                    >
                      <Link href={paths.detail(props.entity.key, String(row.id))}>
                        {formatValue(props.entity, c.field, row, settings()) || t("common.none")}
                      </Link>
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
