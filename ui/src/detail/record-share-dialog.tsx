import { createResource, createSignal, For, onMount, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { t } from "../i18n/i18n.ts";
import { parsePick, PersonPicker } from "../list/person-picker.tsx";
import "./records.css";

/** A share as GET …/shares answers it (engine/access/record-shares.ts). */
interface Share {
  id: string;
  user: { id: string; displayName: string } | null;
  department: { id: string; name: string } | null;
  access: "read" | "edit";
  subDepartments: boolean;
}

/**
 * Who else sees one record, and sharing it with one more colleague or
 * department (with its sub-departments, if asked), or no longer: the
 * owner's and the role scope's right, so the engine's refusal is shown as
 * it comes.
 */
export function RecordShareDialog(props: { entity: string; id: string; onClose: () => void }) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const url = () => `/api/data/${props.entity}/${props.id}/shares`;
  const [shares, { refetch }] = createResource(url, (u) =>
    api<{ items: Share[] }>("GET", u).then((r) => r.items),
  );
  const [who, setWho] = createSignal("");
  const [access, setAccess] = createSignal<"read" | "edit">("read");
  const [subDepartments, setSubDepartments] = createSignal(false);
  const [failure, setFailure] = createSignal("");
  const pick = () => parsePick(who());
  const attempt = async (work: () => Promise<unknown>) => {
    setFailure("");
    try {
      await work();
      await refetch();
    } catch (err) {
      setFailure(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  const add = (event: SubmitEvent) => {
    event.preventDefault();
    const target = pick();
    if (!target) return;
    void attempt(async () => {
      await api("POST", url(), {
        ...(target.kind === "department"
          ? { department: target.id, subDepartments: subDepartments() }
          : { user: target.id }),
        access: access(),
      });
      setWho("");
    });
  };
  const name = (s: Share) => s.user?.displayName ?? s.department?.name ?? "";
  const describe = (s: Share) =>
    [
      s.subDepartments ? t("records.history.shareSubDepartments") : "",
      t(s.access === "edit" ? "records.shareAccessEdit" : "records.shareAccessRead"),
    ]
      .filter(Boolean)
      .join(" · ");

  return (
    <dialog ref={dialog} aria-labelledby="record-share-title" onClose={props.onClose}>
      <form class="stack" onSubmit={add}>
        <h2 id="record-share-title">{t("records.shareTitle")}</h2>
        <Show when={shares.latest} fallback={<p class="muted">{t("common.loading")}</p>}>
          {(list) => (
            <Show when={list().length > 0} fallback={<p class="muted">{t("records.noShares")}</p>}>
              <ul class="shares">
                <For each={list()}>
                  {(s) => (
                    <li>
                      <span>
                        {s.department ? `${t("tools.department")}: ` : ""}
                        {name(s)} <span class="muted">{describe(s)}</span>
                      </span>
                      <button
                        type="button"
                        class="danger"
                        aria-label={t("records.unshare", { name: name(s) })}
                        onClick={() => void attempt(() => api("DELETE", `${url()}/${s.id}`))}
                      >
                        ×
                      </button>
                    </li>
                  )}
                </For>
              </ul>
            </Show>
          )}
        </Show>
        <PersonPicker
          id="record-share-who"
          label={t("tools.shareWith")}
          departments
          value={who()}
          onChange={setWho}
        />
        <label class="check">
          <input
            type="checkbox"
            checked={subDepartments()}
            disabled={pick()?.kind !== "department"}
            onChange={(e) => setSubDepartments(e.currentTarget.checked)}
          />{" "}
          {t("records.subDepartments")}
        </label>
        <label for="record-share-access">{t("tools.access")}</label>
        <select
          id="record-share-access"
          value={access()}
          onChange={(e) => setAccess(e.currentTarget.value as "read" | "edit")}
        >
          <option value="read">{t("records.shareAccessRead")}</option>
          <option value="edit">{t("records.shareAccessEdit")}</option>
        </select>
        <Show when={failure()}>
          <p role="alert" class="error">
            {failure()}
          </p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("common.close")}
          </button>
          <button type="submit" class="primary" disabled={!who()}>
            {t("records.shareAdd")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
