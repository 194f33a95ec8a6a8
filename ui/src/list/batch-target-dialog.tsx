import { createResource, createSignal, For, onCleanup, onMount, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { findUsers, listDepartments } from "./people-choices.ts";

/** The body of an assign or share batch besides its ids. */
export type BatchTarget =
  | { action: "assign"; owner: string }
  | { action: "share"; user?: string; department?: string; access: "read" | "edit" };

/** Asks whom to assign the selected records to, or whom to share them with and how. */
export function BatchTargetDialog(props: {
  action: "assign" | "share";
  count: number;
  onSubmit: (target: BatchTarget) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const [filter, setFilter] = createSignal("");
  const [users] = createResource(filter, findUsers);
  const [departments] = createResource(
    () => props.action === "share",
    (share) => (share ? listDepartments() : Promise.resolve([])),
  );
  let typing: ReturnType<typeof setTimeout> | undefined;
  onCleanup(() => clearTimeout(typing));
  const [who, setWho] = createSignal("");
  const [access, setAccess] = createSignal<"read" | "edit">("read");
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const [kind, id] = who().split(":");
    if (!id) return;
    dialog.close();
    if (props.action === "assign") props.onSubmit({ action: "assign", owner: id });
    else
      props.onSubmit({
        action: "share",
        ...(kind === "d" ? { department: id } : { user: id }),
        access: access(),
      });
  };
  return (
    <dialog ref={dialog} aria-labelledby="batch-target-title" onClose={props.onClose}>
      <form class="stack" onSubmit={submit}>
        <h2 id="batch-target-title">
          {t(props.action === "assign" ? "tools.assignTitle" : "tools.shareTitle", {
            count: props.count,
          })}
        </h2>
        <input
          type="search"
          aria-label={t("tools.findPerson")}
          placeholder={t("tools.findPerson")}
          onInput={(e) => {
            const value = e.currentTarget.value;
            clearTimeout(typing);
            typing = setTimeout(() => setFilter(value), 250);
          }}
        />
        <label for="batch-who">
          {t(props.action === "assign" ? "tools.owner" : "tools.shareWith")}
        </label>
        <select
          id="batch-who"
          required
          value={who()}
          onChange={(e) => setWho(e.currentTarget.value)}
        >
          <option value="">{t("tools.choose")}</option>
          <optgroup label={t("tools.user")}>
            <For each={users.latest ?? []}>
              {(u) => <option value={`u:${u.id}`}>{u.label}</option>}
            </For>
          </optgroup>
          <Show when={(departments.latest?.length ?? 0) > 0}>
            <optgroup label={t("tools.department")}>
              <For each={departments.latest}>
                {(d) => <option value={`d:${d.id}`}>{d.label}</option>}
              </For>
            </optgroup>
          </Show>
        </select>
        <Show when={props.action === "share"}>
          <label for="batch-access">{t("tools.access")}</label>
          <select
            id="batch-access"
            value={access()}
            onChange={(e) => setAccess(e.currentTarget.value as "read" | "edit")}
          >
            <option value="read">{t("tools.accessRead")}</option>
            <option value="edit">{t("tools.accessEdit")}</option>
          </select>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="primary" disabled={!who()}>
            {t("tools.apply")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
