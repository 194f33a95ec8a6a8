import { createEffect, createSignal, For, on, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import type { EntityView } from "../api/meta-types.ts";
import { refersToRecords } from "../fields/refers-to-records.ts";
import { formatValue } from "../format/format-field.ts";
import { toZonedLocal } from "../format/zoned-time.ts";
import { entityLabel, fieldLabel, t, type MessageKey } from "../i18n/i18n.ts";
import type { FieldChange, HistoryEntry, HistoryPage } from "./history-types.ts";
import { historyPanelId, tabId } from "./record-tabs.tsx";
import "./records.css";

const pageSize = 50;

/**
 * A record's history tab: who changed what and when, newest first, from the
 * audit trail as the engine lets this user see it (hidden fields never come).
 * Field and option labels come from the metadata in the user's language,
 * values are formatted as the detail page formats them, and references show
 * the titles the engine gave, or say the record is out of sight.
 */
export function RecordHistory(props: { entity: EntityView; id: string; version?: number }) {
  const [page, setPage] = createSignal<HistoryPage>();
  const [loading, setLoading] = createSignal(false);
  const [failure, setFailure] = createSignal("");
  /** Reads `pageSize` entries from `offset` on, after those already shown. */
  const load = async (offset: number) => {
    setLoading(true);
    setFailure("");
    try {
      const url = `/api/data/${props.entity.key}/${props.id}/history`;
      const next = await api<HistoryPage>("GET", `${url}?limit=${pageSize}&offset=${offset}`);
      setPage({
        items: [...(offset > 0 ? (page()?.items ?? []) : []), ...next.items],
        total: next.total,
      });
    } catch (err) {
      setFailure(err instanceof ApiFailure ? err.message : String(err));
    } finally {
      setLoading(false);
    }
  };
  createEffect(
    on(
      // A new version (an edit, a reassignment, a share) is a new entry: read again.
      () => `${props.entity.key}/${props.id}/${String(props.version)}`,
      () => {
        setPage(undefined);
        void load(0);
      },
    ),
  );
  const settings = () => meta()!.company.settings;
  const when = (at: string) => toZonedLocal(at, settings().timezone).replace("T", " ");
  const who = (e: HistoryEntry) => e.actor?.name || t("records.history.someone");
  const isReference = (field: string) =>
    field === "owner" || refersToRecords(props.entity.fields[field]);
  const shown = (c: FieldChange, side: "before" | "after", truncated: boolean) => {
    const value = c[side];
    if (value === null || value === undefined || value === "") return t("common.none");
    const title = side === "before" ? c.beforeTitle : c.afterTitle;
    if (isReference(c.field)) return title ?? t("records.history.unseen");
    const text = formatValue(props.entity, c.field, { [c.field]: value }, settings());
    return truncated ? `${text} (${t("records.history.truncated")})` : text;
  };
  const viaText = (via: NonNullable<HistoryEntry["via"]>) => {
    const other = meta()!.entities[via.entity];
    return t("records.history.via", {
      entity: other ? entityLabel(other) : via.entity,
      title: via.title ?? t("records.history.unseen"),
    });
  };
  const shareText = (share: NonNullable<HistoryEntry["share"]>) =>
    [
      share.user
        ? t("records.history.shareUser", { name: share.user.name })
        : t("records.history.shareDepartment", { name: share.department?.name ?? "" }),
      share.subDepartments ? t("records.history.shareSubDepartments") : "",
      t(share.access === "edit" ? "records.history.shareEdit" : "records.history.shareRead"),
    ]
      .filter(Boolean)
      .join(" ");
  const relatedCount = (e: HistoryEntry) =>
    Object.values(e.related ?? {}).reduce((a, b) => a + b, 0);

  return (
    <section
      id={historyPanelId}
      role="tabpanel"
      aria-labelledby={tabId("history")}
      class="section"
      aria-busy={loading()}
    >
      <Show when={failure()}>
        <div class="banner" role="alert">
          {failure()}
        </div>
      </Show>
      <Show when={page()} fallback={<p class="muted">{t("common.loading")}</p>}>
        {(page) => (
          <>
            <p class="muted">{t("records.historyTotal", { total: page().total })}</p>
            <Show when={page().items.length > 0} fallback={<p>{t("records.historyEmpty")}</p>}>
              <ol class="history">
                <For each={page().items}>
                  {(e) => (
                    <li>
                      <p>
                        <strong>
                          {t(`records.history.${e.action}` as MessageKey, { who: who(e) })}
                        </strong>{" "}
                        <Show when={e.share}>{(s) => <span>{shareText(s())} </span>}</Show>
                        <Show when={e.via}>{(v) => <span>{viaText(v())} </span>}</Show>
                        <Show when={relatedCount(e) > 0}>
                          · {t("records.history.related", { count: relatedCount(e) })}{" "}
                        </Show>
                        <time class="when" datetime={e.at}>
                          {when(e.at)}
                        </time>
                      </p>
                      <Show when={e.changes.length > 0}>
                        <table>
                          <thead>
                            <tr>
                              <th scope="col">{t("records.history.field")}</th>
                              <Show when={e.action !== "record_created"}>
                                <th scope="col">{t("records.history.before")}</th>
                              </Show>
                              <Show when={e.action !== "record_deleted"}>
                                <th scope="col">{t("records.history.after")}</th>
                              </Show>
                            </tr>
                          </thead>
                          <tbody>
                            <For each={e.changes}>
                              {(c) => {
                                const cut = e.truncated?.includes(c.field) ?? false;
                                return (
                                  <tr>
                                    <th scope="row">{fieldLabel(props.entity, c.field)}</th>
                                    <Show when={e.action !== "record_created"}>
                                      <td>
                                        <del>{shown(c, "before", cut)}</del>
                                      </td>
                                    </Show>
                                    <Show when={e.action !== "record_deleted"}>
                                      <td>
                                        <ins>{shown(c, "after", cut)}</ins>
                                      </td>
                                    </Show>
                                  </tr>
                                );
                              }}
                            </For>
                          </tbody>
                        </table>
                      </Show>
                    </li>
                  )}
                </For>
              </ol>
              <Show when={page().items.length < page().total}>
                <button
                  type="button"
                  disabled={loading()}
                  onClick={() => void load(page().items.length)}
                >
                  {t("records.historyMore")}
                </button>
              </Show>
            </Show>
          </>
        )}
      </Show>
    </section>
  );
}
