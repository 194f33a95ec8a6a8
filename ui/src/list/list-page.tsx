import {
  createEffect,
  createMemo,
  createResource,
  createSignal,
  on,
  onCleanup,
  Show,
} from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { allows } from "../api/entity-actions.ts";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import type { RecordData } from "../api/meta-types.ts";
import { entityLabel, t } from "../i18n/i18n.ts";
import { navigate } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import { rememberOrder } from "../keyboard/record-order.ts";
import { BatchBar } from "./batch-bar.tsx";
import { ColumnChooser } from "./column-chooser.tsx";
import { readColumns, saveColumns, shownColumns } from "./column-prefs.ts";
import { ExportMenu } from "./export-menu.tsx";
import { FilterBuilder } from "./filter-builder.tsx";
import { RecordTable } from "./record-table.tsx";
import "./tools.css";

/**
 * The list of an entity: columns from its list metadata (or the user's
 * saved choice), sort by header, a filter builder, quick search and paging
 * with the total. Every query goes to the list API, which decides what the
 * user may see.
 */
export function ListPage(props: { entity: string }) {
  const entity = () => meta()!.entities[props.entity]!;
  const pageSize = () => entity().list.pageSize ?? 50;
  const [sort, setSort] = createSignal(entity().list.sort?.[0] ?? "-createdAt");
  const [q, setQ] = createSignal("");
  const [filter, setFilter] = createSignal<unknown>();
  const [offset, setOffset] = createSignal(0);
  const [showFilters, setShowFilters] = createSignal(false);
  const [saved, { mutate: setSaved }] = createResource(() => props.entity, readColumns);
  // Each screen mounts its own list (app.tsx), so state starts fresh per entity.
  let typing: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(typing));

  const request = () => {
    const params = new URLSearchParams({
      limit: String(pageSize()),
      offset: String(offset()),
      sort: sort(),
    });
    if (q()) params.set("q", q());
    if (filter()) params.set("filter", JSON.stringify(filter()));
    return `/api/data/${props.entity}?${params}`;
  };
  const [page, { refetch, mutate }] = createResource(request, (url) =>
    api<{ items: RecordData[]; total: number }>("GET", url),
  );
  // Selection is of the rows on screen: another page, sort or filter starts it afresh.
  const [selected, setSelected] = createSignal<string[]>([]);
  // By value: a metadata reload that leaves the request as it was keeps the selection.
  const requestKey = createMemo(request);
  createEffect(on(requestKey, () => setSelected([]), { defer: true }));
  // Detail pages step through the records in this order (j/k, Alt+↓/↑).
  createEffect(() => {
    const rows = data()?.items;
    if (rows)
      rememberOrder(
        props.entity,
        rows.map((r) => String(r.id)),
      );
  });
  const batchable = () => allows(entity(), "batch") || allows(entity(), "batchDelete");
  // Reading a resource in error rethrows it: the error shows in the banner instead.
  const data = () => (page.state === "errored" ? undefined : page.latest);
  const columns = () =>
    shownColumns(entity(), saved.state === "errored" ? null : (saved.latest ?? null));
  const pages = () => Math.max(1, Math.ceil((data()?.total ?? 0) / pageSize()));

  const sortBy = (field: string) => {
    setSort(sort() === field ? `-${field}` : field);
    setOffset(0);
  };
  const changeColumns = (shown: string[] | null) => {
    setSaved(shown);
    void saveColumns(props.entity, shown);
  };
  const error = () => (page.error instanceof ApiFailure ? page.error : undefined);
  // Until the first answer there is no count to tell: "0 records" would be a false "none".
  const state = () =>
    page.state === "errored" ? "failed" : data() ? "answered" : ("loading" as const);

  return (
    <section class="list-page" aria-labelledby="list-title">
      <header class="page-header">
        <h1 id="list-title">{entityLabel(entity(), true)}</h1>
        <div class="actions">
          <input
            type="search"
            aria-label={t("list.search")}
            placeholder={t("list.search")}
            value={q()}
            onInput={(e) => {
              const value = e.currentTarget.value;
              clearTimeout(typing);
              typing = setTimeout(() => {
                setQ(value);
                setOffset(0);
              }, 250);
            }}
          />
          <button
            type="button"
            aria-expanded={showFilters()}
            onClick={() => setShowFilters(!showFilters())}
          >
            {t("list.filters")}
          </button>
          <ColumnChooser
            entity={entity()}
            shown={columns().map((c) => c.field)}
            onChange={changeColumns}
          />
          <Show when={allows(entity(), "export")}>
            <ExportMenu
              entity={props.entity}
              filter={filter()}
              sort={sort()}
              q={q()}
              columns={columns().map((c) => c.field)}
            />
          </Show>
          <button type="button" onClick={() => window.print()}>
            {t("tools.print")}
          </button>
          <Show when={allows(entity(), "create")}>
            <button type="button" class="primary" onClick={() => navigate(paths.new(props.entity))}>
              {t("common.new")}
            </button>
          </Show>
        </div>
      </header>
      <Show when={showFilters()}>
        <FilterBuilder
          entity={entity()}
          onApply={(tree) => {
            setFilter(tree);
            setOffset(0);
          }}
        />
      </Show>
      <Show when={error()}>
        <div class="banner" role="alert">
          {error()!.status === 403
            ? `${t("error.forbidden")} ${error()!.message}`
            : t("error.generic", { message: error()!.message })}
        </div>
      </Show>
      <Show when={selected().length > 0}>
        <BatchBar
          entity={entity()}
          ids={selected()}
          rows={data()?.items ?? []}
          onClear={() => setSelected([])}
          onDone={() => {
            setSelected([]);
            void refetch();
          }}
        />
      </Show>
      <div class="table-wrap" aria-busy={page.loading}>
        <RecordTable
          entity={entity()}
          columns={columns()}
          rows={data()?.items ?? []}
          sort={sort()}
          onSort={sortBy}
          caption={entityLabel(entity(), true)}
          onRowChange={(row) => {
            const current = page.latest;
            if (current)
              mutate({ ...current, items: current.items.map((r) => (r.id === row.id ? row : r)) });
          }}
          selected={batchable() ? selected() : undefined}
          onSelect={batchable() ? setSelected : undefined}
          state={state()}
        />
      </div>
      <nav
        class="pager"
        aria-label={t("list.page", { page: offset() / pageSize() + 1, pages: pages() })}
      >
        <span class="total" aria-live="polite">
          {data()
            ? t("list.total", { total: data()!.total })
            : state() === "loading"
              ? t("common.loading")
              : ""}
        </span>
        <button
          type="button"
          aria-label={t("list.previous")}
          disabled={offset() === 0}
          onClick={() => setOffset(Math.max(0, offset() - pageSize()))}
        >
          ‹
        </button>
        <span>{t("list.page", { page: offset() / pageSize() + 1, pages: pages() })}</span>
        <button
          type="button"
          aria-label={t("list.next")}
          disabled={offset() + pageSize() >= (data()?.total ?? 0)}
          onClick={() => setOffset(offset() + pageSize())}
        >
          ›
        </button>
      </nav>
    </section>
  );
}
