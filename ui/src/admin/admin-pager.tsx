import { t } from "../i18n/i18n.ts";

/** Pages of an admin table read by offset (the audit trail, the jobs): the total, the page, previous and next. */
export function AdminPager(props: {
  label: string;
  totalText: string;
  total: number;
  offset: number;
  pageSize: number;
  onOffset: (offset: number) => void;
}) {
  const pages = () => Math.max(1, Math.ceil(props.total / props.pageSize));
  return (
    <nav class="pager" aria-label={props.label}>
      <span class="total" aria-live="polite">
        {props.totalText}
      </span>
      <button
        type="button"
        aria-label={t("list.previous")}
        disabled={props.offset === 0}
        onClick={() => props.onOffset(Math.max(0, props.offset - props.pageSize))}
      >
        ‹
      </button>
      <span>{t("list.page", { page: props.offset / props.pageSize + 1, pages: pages() })}</span>
      <button
        type="button"
        aria-label={t("list.next")}
        disabled={props.offset + props.pageSize >= props.total}
        onClick={() => props.onOffset(props.offset + props.pageSize)}
      >
        ›
      </button>
    </nav>
  );
}
