import { createSignal, For, onCleanup, Show } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import type { RecordData } from "../api/meta-types.ts";
import { entityLabel, t } from "../i18n/i18n.ts";
import { navigate } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import "./global-search.css";

interface SearchGroup {
  entity: string;
  total: number;
  totalKind: "exact" | "more";
  items: { id: string; title: string | null; record: RecordData }[];
}

/** A group's matches: counted, or "more than" where the server stops counting. */
const groupTotal = (group: SearchGroup) =>
  t(group.totalKind === "more" ? "tools.searchMoreThan" : "tools.searchMore", {
    total: group.total,
  });

/** The id of the shell's search box: `/` focuses it (keyboard/shortcuts.ts). */
export const globalSearchId = "global-search";

/**
 * One box over every entity the user may read (X8): `GET /api/search`
 * answers per entity with the user's own scope and fields, grouped in menu
 * order. A combobox with a grouped listbox: ↑/↓ move, Enter opens, Escape closes.
 */
export function GlobalSearch() {
  const [text, setText] = createSignal("");
  const [groups, setGroups] = createSignal<SearchGroup[]>();
  const [active, setActive] = createSignal(0);
  let typing: ReturnType<typeof setTimeout> | undefined;
  let asked = 0;
  onCleanup(() => clearTimeout(typing));

  const options = () =>
    (groups() ?? []).flatMap((g) => g.items.map((item) => ({ entity: g.entity, id: item.id })));
  const optionId = (i: number) => `gs-option-${i}`;
  const search = async (q: string) => {
    const mine = ++asked;
    if (!q.trim()) return setGroups(undefined);
    const answer = await api<{ groups: SearchGroup[] }>(
      "GET",
      `/api/search?${new URLSearchParams({ q: q.trim(), limit: "5" })}`,
    ).catch(() => ({ groups: [] }));
    // A slower answer to an older term must not replace the newer one.
    if (mine !== asked) return;
    setActive(0);
    setGroups(answer.groups.filter((g) => meta()?.entities[g.entity]));
  };
  const open = (i: number) => {
    const option = options()[i];
    if (!option) return;
    setGroups(undefined);
    setText("");
    navigate(paths.detail(option.entity, option.id));
  };
  const onKeyDown = (event: KeyboardEvent) => {
    const count = options().length;
    if (event.key === "ArrowDown" && !groups()) void search(text());
    else if (event.key === "ArrowDown" && count) setActive((active() + 1) % count);
    else if (event.key === "ArrowUp" && count) setActive((active() - 1 + count) % count);
    else if (event.key === "Enter") {
      clearTimeout(typing);
      if (groups()) open(active());
      else void search(text());
    } else if (event.key === "Escape") {
      if (!groups()) (event.currentTarget as HTMLInputElement).blur();
      setGroups(undefined);
    } else return;
    event.preventDefault();
  };
  /** Where a group's items start in the flat list of options. */
  const offset = (group: number) =>
    (groups() ?? []).slice(0, group).reduce((n, g) => n + g.items.length, 0);

  return (
    <div class="global-search">
      <input
        id={globalSearchId}
        type="search"
        role="combobox"
        autocomplete="off"
        aria-label={t("tools.search")}
        placeholder={`${t("tools.search")} (/)`}
        aria-expanded={!!groups()}
        aria-controls="gs-results"
        aria-autocomplete="list"
        aria-activedescendant={groups() && options().length ? optionId(active()) : undefined}
        value={text()}
        onInput={(e) => {
          const value = e.currentTarget.value;
          setText(value);
          clearTimeout(typing);
          typing = setTimeout(() => void search(value), 200);
        }}
        onKeyDown={onKeyDown}
        onBlur={() => setTimeout(() => setGroups(undefined), 150)}
      />
      <Show when={groups()}>
        <div
          id="gs-results"
          role="listbox"
          class="popover gs-results"
          aria-label={t("tools.search")}
        >
          <Show when={options().length === 0}>
            <p class="muted">{t("tools.searchNone", { q: text() })}</p>
          </Show>
          <For each={groups()}>
            {(group, g) => (
              <div role="group" aria-labelledby={`gs-group-${group.entity}`}>
                <div id={`gs-group-${group.entity}`} class="gs-group" role="presentation">
                  {meta()?.entities[group.entity]
                    ? entityLabel(meta()!.entities[group.entity]!, true)
                    : group.entity}
                  <span class="muted"> · {groupTotal(group)}</span>
                </div>
                <For each={group.items}>
                  {(item, n) => {
                    const i = () => offset(g()) + n();
                    return (
                      <div
                        id={optionId(i())}
                        role="option"
                        aria-selected={active() === i()}
                        classList={{ active: active() === i() }}
                        onMouseDown={(e) => {
                          e.preventDefault();
                          open(i());
                        }}
                      >
                        {item.title ?? t("common.none")}
                      </div>
                    );
                  }}
                </For>
              </div>
            )}
          </For>
        </div>
      </Show>
    </div>
  );
}
