import { Show } from "solid-js";
import { formatDecimal } from "../format/format-value.ts";
import { t } from "../i18n/i18n.ts";

/** A list's total as last counted: exact, or the database's estimate. */
export interface ListTotal {
  total: number;
  kind: "exact" | "estimate";
}

/**
 * The pager under a list: the total ("about 125,000 records" when it is an
 * estimate, with a button that counts exactly), the page number, and
 * previous / next, which follow the list's cursors rather than offsets.
 */
export function ListPager(props: {
  /** Undefined until a total is known. */
  total: ListTotal | undefined;
  loading: boolean;
  page: number;
  pageSize: number;
  hasPrevious: boolean;
  hasNext: boolean;
  onPrevious: () => void;
  onNext: () => void;
  onCountExactly: () => void;
}) {
  const estimated = () => props.total?.kind === "estimate";
  const pages = () => Math.max(props.page, Math.ceil((props.total?.total ?? 0) / props.pageSize));
  const numbers = () => ({ page: props.page, pages: formatDecimal(String(pages()), 0) });
  const label = () => t(estimated() ? "list.pageAbout" : "list.page", numbers());
  return (
    <nav class="pager" aria-label={label()}>
      <span class="count">
        <span class="total" aria-live="polite">
          {props.total
            ? t(estimated() ? "list.totalAbout" : "list.total", {
                total: formatDecimal(String(props.total.total), 0),
              })
            : props.loading
              ? t("common.loading")
              : ""}
        </span>
        <Show when={estimated()}>
          <button type="button" class="count-exactly" onClick={() => props.onCountExactly()}>
            {t("list.countExactly")}
          </button>
        </Show>
      </span>
      <button
        type="button"
        aria-label={t("list.previous")}
        disabled={!props.hasPrevious}
        onClick={() => props.onPrevious()}
      >
        ‹
      </button>
      <span>{label()}</span>
      <button
        type="button"
        aria-label={t("list.next")}
        disabled={!props.hasNext}
        onClick={() => props.onNext()}
      >
        ›
      </button>
    </nav>
  );
}
