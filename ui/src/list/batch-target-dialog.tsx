import { createSignal, onMount, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { parsePick, PersonPicker } from "./person-picker.tsx";
import "../detail/records.css";

/** The body of an assign or share batch besides its ids. */
export type BatchTarget =
  | { action: "assign"; owner: string; related: boolean }
  | {
      action: "share";
      user?: string;
      department?: string;
      access: "read" | "edit";
      subDepartments?: boolean;
    };

/**
 * Asks whom to assign records to (with their related records, by default)
 * or whom to share them with, how, and for a department whether its
 * sub-departments too. Used for the selected rows of a list and for one
 * record's page.
 */
export function BatchTargetDialog(props: {
  action: "assign" | "share";
  title: string;
  onSubmit: (target: BatchTarget) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const [who, setWho] = createSignal("");
  const [access, setAccess] = createSignal<"read" | "edit">("read");
  const [related, setRelated] = createSignal(true);
  const [subDepartments, setSubDepartments] = createSignal(false);
  const department = () => parsePick(who())?.kind === "department";
  const submit = (event: SubmitEvent) => {
    event.preventDefault();
    const pick = parsePick(who());
    if (!pick) return;
    dialog.close();
    if (props.action === "assign")
      props.onSubmit({ action: "assign", owner: pick.id, related: related() });
    else
      props.onSubmit({
        action: "share",
        ...(pick.kind === "department"
          ? { department: pick.id, subDepartments: subDepartments() }
          : { user: pick.id }),
        access: access(),
      });
  };
  return (
    <dialog ref={dialog} aria-labelledby="batch-target-title" onClose={props.onClose}>
      <form class="stack" onSubmit={submit}>
        <h2 id="batch-target-title">{props.title}</h2>
        <PersonPicker
          id="batch-who"
          label={t(props.action === "assign" ? "tools.owner" : "tools.shareWith")}
          departments={props.action === "share"}
          value={who()}
          onChange={setWho}
        />
        <Show when={props.action === "assign"}>
          <label class="check">
            <input
              type="checkbox"
              checked={related()}
              aria-describedby="batch-related-help"
              onChange={(e) => setRelated(e.currentTarget.checked)}
            />{" "}
            {t("records.withRelated")}
          </label>
          <p id="batch-related-help" class="help">
            {t("records.withRelatedHelp")}
          </p>
        </Show>
        <Show when={props.action === "share"}>
          <label class="check">
            <input
              type="checkbox"
              checked={subDepartments()}
              disabled={!department()}
              onChange={(e) => setSubDepartments(e.currentTarget.checked)}
            />{" "}
            {t("records.subDepartments")}
          </label>
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
