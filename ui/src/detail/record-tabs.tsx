import { For } from "solid-js";
import { t, type MessageKey } from "../i18n/i18n.ts";

export type RecordTab = "details" | "history";

const tabs: { key: RecordTab; label: MessageKey }[] = [
  { key: "details", label: "records.tabDetails" },
  { key: "history", label: "records.tabHistory" },
];

/** The ids of a tab and of its panel, which names itself by its tab. */
export const tabId = (tab: RecordTab) => `record-tab-${tab}`;
export const historyPanelId = "record-panel-history";

/**
 * The tabs of a record's page (WAI-ARIA tabs with automatic activation): its
 * fields and related lists, and its history. Arrow keys, Home and End move
 * between them.
 */
export function RecordTabs(props: { tab: RecordTab; onTab: (tab: RecordTab) => void }) {
  const move = (e: KeyboardEvent) => {
    const at = tabs.findIndex((x) => x.key === props.tab);
    const to =
      e.key === "ArrowRight"
        ? (at + 1) % tabs.length
        : e.key === "ArrowLeft"
          ? (at + tabs.length - 1) % tabs.length
          : e.key === "Home"
            ? 0
            : e.key === "End"
              ? tabs.length - 1
              : -1;
    if (to < 0) return;
    e.preventDefault();
    props.onTab(tabs[to]!.key);
    document.getElementById(tabId(tabs[to]!.key))?.focus();
  };
  return (
    <div class="record-tabs" role="tablist" aria-label={t("records.tabs")} onKeyDown={move}>
      <For each={tabs}>
        {(tab) => (
          <button
            type="button"
            role="tab"
            id={tabId(tab.key)}
            aria-selected={props.tab === tab.key}
            // The details are the page's own sections, not one panel element.
            aria-controls={tab.key === "history" ? historyPanelId : undefined}
            tabIndex={props.tab === tab.key ? 0 : -1}
            onClick={() => props.onTab(tab.key)}
          >
            {t(tab.label)}
          </button>
        )}
      </For>
    </div>
  );
}
