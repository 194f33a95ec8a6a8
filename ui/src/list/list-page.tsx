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
import { ListPager, type ListTotal } from "./list-pager.tsx";
import { RecordTable } from "./record-table.tsx";
import { pluginListActions } from "../plugins/plugin-contributions.ts";
import "./tools.css";

/** The list API's answer (list contract). */
interface ListAnswer {
  items: RecordData[];
  total: number | null;
  totalKind: "exact" | "estimate" | "more" | "none";
  next: string | null;
}

/**
 * The list of an entity: columns from its list metadata (or the user's
 * saved choice), sort by header, a filter builder, quick search and paging
 * by cursor with the total (estimated on large lists, "more than" for a
 * common search term, counted on request). Every query goes to the list
 * API, which decides what the user may see.
 */
export function ListPage(props: { entity: string }) {
  const entity = () => meta()!.entities[props.entity]!;
  const pageSize = () => entity().list.pageSize ?? 50;
  const [sort, setSort] = createSignal(entity().list.sort?.[0] ?? "-createdAt");
  const [q, setQ] = createSignal("");
  const [filter, setFilter] = createSignal<unknown>();
  // The `after` cursor of each page before this one: next pushes, previous pops.
  const [cursors, setCursors] = createSignal<string[]>([]);
  // Counted once for the first page (or on asking exactly), kept while paging.
  const [exact, setExact] = createSignal(false);
  const [counted, setCounted] = createSignal<ListTotal>();
  const [showFilters, setShowFilters] = createSignal(false);
  const [saved, { mutate: setSaved }] = createResource(() => props.entity, readColumns);
  // Each screen mounts its own list (app.tsx), so state starts fresh per entity.
  let typing: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(typing));

  const request = () => {
    const params = new URLSearchParams({ limit: String(pageSize()), sort: sort() });
    if (q()) params.set("q", q());
    if (filter()) params.set("filter", JSON.stringify(filter()));
    const after = cursors().at(-1);
    if (after) params.set("after", after);
    // Later pages keep the first page's count rather than counting again.
    if (exact()) params.set("total", "exact");
    else if (after) params.set("total", "none");
    return `/api/data/${props.entity}?${params}`;
  };
  const [page, { refetch, mutate }] = createResource(request, (url) => api<ListAnswer>("GET", url));
  createEffect(() => {
    const answer = data();
    if (answer && answer.totalKind !== "none" && answer.total !== null)
      setCounted({ total: answer.total, kind: answer.totalKind });
  });
  /** Back to the first page, counted afresh: the filter, q or sort changed. */
  const restart = () => {
    setCursors([]);
    setExact(false);
  };
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
  const batchable = () =>
    allows(entity(), "batch") ||
    allows(entity(), "batchDelete") ||
    pluginListActions(props.entity).length > 0;
  // Reading a resource in error rethrows it: the error shows in the banner instead.
  const data = () => (page.state === "errored" ? undefined : page.latest);
  const columns = () =>
    shownColumns(entity(), saved.state === "errored" ? null : (saved.latest ?? null));

  const sortBy = (field: string) => {
    setSort(sort() === field ? `-${field}` : field);
    restart();
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
                restart();
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
            restart();
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
      <ListPager
        total={counted()}
        loading={state() === "loading"}
        page={cursors().length + 1}
        pageSize={pageSize()}
        hasPrevious={cursors().length > 0}
        hasNext={Boolean(data()?.next)}
        onPrevious={() => setCursors(cursors().slice(0, -1))}
        onNext={() => setCursors([...cursors(), data()!.next!])}
        onCountExactly={() => setExact(true)}
      />
    </section>
  );
}
