import { Show } from "solid-js";
import { formatDecimal } from "../format/format-value.ts";
import { t } from "../i18n/i18n.ts";

/** A list's total as last counted: exact, the database's estimate, or "more than" where counting stopped. */
export interface ListTotal {
  total: number;
  kind: "exact" | "estimate" | "more";
}

const texts = {
  exact: { total: "list.total", page: "list.page" },
  estimate: { total: "list.totalAbout", page: "list.pageAbout" },
  more: { total: "list.totalMore", page: "list.pageMore" },
} as const;

/**
 * The pager under a list: the total ("about 125,000 records" when it is an
 * estimate, "more than 1,000 records" when a quick search stopped counting,
 * either with a button that counts exactly), the page number, and
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
  const kind = () => texts[props.total?.kind ?? "exact"];
  const uncounted = () => props.total !== undefined && props.total.kind !== "exact";
  const pages = () => Math.max(props.page, Math.ceil((props.total?.total ?? 0) / props.pageSize));
  const numbers = () => ({ page: props.page, pages: formatDecimal(String(pages()), 0) });
  const label = () => t(kind().page, numbers());
  return (
    <nav class="pager" aria-label={label()}>
      <span class="count">
        <span class="total" aria-live="polite">
          {props.total
            ? t(kind().total, {
                total: formatDecimal(String(props.total.total), 0),
              })
            : props.loading
              ? t("common.loading")
              : ""}
        </span>
        <Show when={uncounted()}>
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
