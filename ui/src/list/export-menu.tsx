import { createSignal, Show } from "solid-js";
import { locale, t } from "../i18n/i18n.ts";

/**
 * Export of the current view (X1): the list's filter, sort, quick search
 * and shown columns, in the UI's language, as CSV or XLSX. A plain link:
 * the session cookie goes with it and the browser saves the streamed file.
 */
export function ExportMenu(props: {
  entity: string;
  filter: unknown;
  sort: string;
  q: string;
  columns: string[];
}) {
  const [open, setOpen] = createSignal(false);
  const href = (format: "csv" | "xlsx") => {
    const params = new URLSearchParams({ format, sort: props.sort, lang: locale() });
    if (props.q) params.set("q", props.q);
    if (props.filter) params.set("filter", JSON.stringify(props.filter));
    if (props.columns.length) params.set("columns", props.columns.join(","));
    return `/api/data/${props.entity}/export?${params}`;
  };
  return (
    <div
      class="popover-anchor"
      onKeyDown={(e) => {
        if (e.key === "Escape") setOpen(false);
      }}
      onFocusOut={(e) => {
        if (!e.currentTarget.contains(e.relatedTarget as Node | null)) setOpen(false);
      }}
    >
      <button type="button" aria-expanded={open()} onClick={() => setOpen(!open())}>
        {t("tools.export")}
      </button>
      <Show when={open()}>
        <div class="popover menu export-menu">
          <a href={href("csv")} download="" onClick={() => setOpen(false)}>
            {t("tools.exportCsv")}
          </a>
          <a href={href("xlsx")} download="" onClick={() => setOpen(false)}>
            {t("tools.exportXlsx")}
          </a>
        </div>
      </Show>
    </div>
  );
}
