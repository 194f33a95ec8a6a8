import { createResource, createSignal, For, Show } from "solid-js";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import { formatInstant } from "../format/format-value.ts";
import { t } from "../i18n/i18n.ts";
import { errorText } from "./admin-error.ts";
import { PageMessage, type PageMessageValue } from "./page-message.tsx";

interface MetadataVersion {
  version: number;
  note: string | null;
  comment: string | null;
  createdAt: string;
  createdBy: string | null;
}

interface VersionChanges {
  against: number | null;
  changes: { kind: "added" | "removed" | "changed"; text: string }[];
  more: number;
}

const base = "/api/admin/metadata";

/**
 * Every version of the company's metadata (Y9): who changed what when, with
 * the admin's comment; what a version changed against the one before, in
 * words; and going back to any earlier one, which is itself a new version
 * (nothing is dropped: a field rolled away keeps its values for its return).
 */
export function HistoryPage() {
  const [history, { refetch }] = createResource(() =>
    api<{ head: number; error: string | null; versions: MetadataVersion[] }>("GET", base),
  );
  const [message, setMessage] = createSignal<PageMessageValue>();
  const [busy, setBusy] = createSignal(false);
  const when = (iso: string) => formatInstant(iso, meta()!.company.settings.timezone);

  const rollBack = async (v: MetadataVersion) => {
    if (!window.confirm(t("admin.history.rollbackConfirm", { version: v.version }))) return;
    setBusy(true);
    setMessage(undefined);
    try {
      const done = await api<{ head: number }>("POST", `${base}/rollback`, { version: v.version });
      setMessage({
        text: t("admin.history.rolledBack", { version: v.version, head: done.head }),
        error: false,
      });
    } catch (err) {
      setMessage({ text: errorText(err), error: true });
    }
    await refetch();
    setBusy(false);
  };

  return (
    <section class="admin-page" aria-labelledby="history-title">
      <header class="page-header">
        <h1 id="history-title">{t("admin.menu.history")}</h1>
      </header>
      <p class="muted">{t("admin.history.intro")}</p>
      <PageMessage message={message()} />
      <Show when={history.state === "errored"}>
        <div class="banner" role="alert">
          {errorText(history.error)}
        </div>
      </Show>
      <Show when={history.latest?.error}>
        {(error) => (
          <div class="banner" role="alert">
            {t("admin.history.lastGood", { error: error() })}
          </div>
        )}
      </Show>
      <div class="table-wrap">
        <table class="admin-table history-table">
          <caption class="visually-hidden">{t("admin.menu.history")}</caption>
          <thead>
            <tr>
              <th scope="col">{t("admin.history.version")}</th>
              <th scope="col">{t("admin.history.when")}</th>
              <th scope="col">{t("admin.history.who")}</th>
              <th scope="col">{t("admin.history.what")}</th>
              <th scope="col">{t("admin.history.comment")}</th>
              <th scope="col">
                <span class="visually-hidden">{t("admin.history.actions")}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            <For each={history.latest?.versions ?? []}>
              {(v) => (
                <VersionRow
                  version={v}
                  head={history.latest!.head}
                  when={when(v.createdAt)}
                  busy={busy()}
                  onRollBack={() => void rollBack(v)}
                />
              )}
            </For>
          </tbody>
        </table>
      </div>
    </section>
  );
}

function VersionRow(props: {
  version: MetadataVersion;
  head: number;
  when: string;
  busy: boolean;
  onRollBack: () => void;
}) {
  const v = () => props.version;
  const [open, setOpen] = createSignal(false);
  const [changes] = createResource(
    () => open() && v().version,
    (version) => api<VersionChanges>("GET", `${base}/versions/${version}/changes`),
  );
  const [comment, setComment] = createSignal(v().comment ?? "");
  // What the server holds now: saving the text loaded with the page again is a change too.
  const [stored, setStored] = createSignal(v().comment ?? "");
  const [saved, setSaved] = createSignal<PageMessageValue>();
  const saveComment = async () => {
    if (comment().trim() === stored()) return;
    try {
      const done = await api<{ comment: string | null }>(
        "PATCH",
        `${base}/versions/${v().version}`,
        {
          comment: comment(),
        },
      );
      setComment(done.comment ?? "");
      setStored(done.comment ?? "");
      setSaved({ text: t("admin.history.commentSaved"), error: false });
    } catch (err) {
      setSaved({ text: errorText(err), error: true });
    }
  };
  const changesId = () => `version-changes-${v().version}`;
  return (
    <>
      <tr classList={{ current: v().version === props.head }}>
        <th scope="row">
          {v().version}
          <Show when={v().version === props.head}>
            {" "}
            <span class="badge">{t("admin.history.inForce")}</span>
          </Show>
        </th>
        <td>{props.when}</td>
        <td>{v().createdBy ?? t("admin.history.system")}</td>
        <td>{v().note}</td>
        <td>
          <input
            type="text"
            maxLength={500}
            value={comment()}
            aria-label={t("admin.history.commentOn", { version: v().version })}
            placeholder={t("admin.history.commentPlaceholder")}
            onInput={(e) => setComment(e.currentTarget.value)}
            onChange={() => void saveComment()}
          />
          <PageMessage message={saved()} />
        </td>
        <td class="actions">
          <button
            type="button"
            aria-expanded={open()}
            aria-controls={changesId()}
            onClick={() => setOpen(!open())}
          >
            {t("admin.history.showChanges")}
          </button>
          <Show when={v().version !== props.head}>
            <button type="button" disabled={props.busy} onClick={() => props.onRollBack()}>
              {t("admin.history.rollBack")}
            </button>
          </Show>
        </td>
      </tr>
      <Show when={open()}>
        <tr id={changesId()}>
          <td colSpan={6}>
            <Show when={changes.state === "errored"}>
              <p role="alert">{errorText(changes.error)}</p>
            </Show>
            <Show when={changes.latest} fallback={<p role="status">{t("common.loading")}</p>}>
              {(c) => (
                <>
                  <h3 class="changes-title">
                    {c().against === null
                      ? t("admin.history.changesFirst")
                      : t("admin.history.changesAgainst", { version: c().against! })}
                  </h3>
                  <Show
                    when={c().changes.length > 0}
                    fallback={<p class="muted">{t("admin.history.noChanges")}</p>}
                  >
                    <ul class="version-changes">
                      <For each={c().changes}>
                        {(change) => <li class={`change-${change.kind}`}>{change.text}</li>}
                      </For>
                    </ul>
                  </Show>
                  <Show when={c().more > 0}>
                    <p class="muted">{t("admin.history.more", { count: c().more })}</p>
                  </Show>
                </>
              )}
            </Show>
          </td>
        </tr>
      </Show>
    </>
  );
}
