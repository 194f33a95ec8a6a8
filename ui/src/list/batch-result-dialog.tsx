import { For, onMount } from "solid-js";
import { t } from "../i18n/i18n.ts";

/** One record's outcome in a batch answer (engine/access/batch-routes.ts). */
export interface BatchOutcome {
  id: string;
  status: "done" | "refused";
  /** Of a reassignment: records that went along with this one. */
  related?: number;
  error?: { code: string; message: string; status: number };
}

/** What a batch did, record by record: done, or refused with the server's reason. */
export function BatchResultDialog(props: {
  results: BatchOutcome[];
  title: (id: string) => string;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const done = () => props.results.filter((r) => r.status === "done").length;
  return (
    <dialog
      ref={dialog}
      class="batch-result"
      aria-labelledby="batch-result-title"
      onClose={props.onClose}
    >
      <h2 id="batch-result-title">
        {t("tools.resultTitle", { done: done(), refused: props.results.length - done() })}
      </h2>
      <ul class="plain">
        <For each={props.results}>
          {(r) => (
            <li classList={{ refused: r.status === "refused" }}>
              <strong>{props.title(r.id)}</strong>{" "}
              {r.status === "done"
                ? r.related
                  ? `${t("tools.done")} (${t("records.relatedMoved", { count: r.related })})`
                  : t("tools.done")
                : `${t("tools.refused")}: ${r.error?.message ?? ""}`}
            </li>
          )}
        </For>
      </ul>
      <form method="dialog">
        <button type="submit" class="primary" autofocus>
          {t("common.close")}
        </button>
      </form>
    </dialog>
  );
}
