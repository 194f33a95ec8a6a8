import { createSignal, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { allows } from "../api/entity-actions.ts";
import { api } from "../api/http.ts";
import type { EntityView } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { t } from "../i18n/i18n.ts";
import { BatchResultDialog, type BatchOutcome } from "./batch-result-dialog.tsx";
import { BatchTargetDialog, type BatchTarget } from "./batch-target-dialog.tsx";
import { PluginListActions } from "../plugins/plugin-list-actions.tsx";
import { isAdmin } from "../admin/is-admin.ts";
import { MergeDialog } from "./merge-dialog.tsx";

/**
 * Work on the selected rows (C5): delete, assign, share — each offered only
 * when the entity's `actions` grant batch (batchDelete to delete) — and the
 * actions of the company's plugins on the entity. The server
 * checks every record on its own; the answer is shown record by record.
 */
export function BatchBar(props: {
  entity: EntityView;
  ids: string[];
  rows: RecordData[];
  onClear: () => void;
  onDone: () => void;
}) {
  const [asking, setAsking] = createSignal<"assign" | "share">();
  const [merging, setMerging] = createSignal(false);
  const [results, setResults] = createSignal<BatchOutcome[]>();
  const [failure, setFailure] = createSignal("");
  const titles = new Map<string, string>();

  const run = async (body: { action: string } & Record<string, unknown>) => {
    for (const row of props.rows)
      titles.set(String(row.id), String(row[props.entity.titleField] ?? row.id));
    setFailure("");
    try {
      const answer = await api<{ results: BatchOutcome[] }>(
        "POST",
        `/api/data/${props.entity.key}/batch`,
        { ...body, ids: props.ids },
      );
      setResults(answer.results);
    } catch (err) {
      setFailure(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  const remove = () => {
    if (window.confirm(t("tools.deleteConfirm", { count: props.ids.length })))
      void run({ action: "delete" });
  };
  const apply = (target: BatchTarget) => void run(target);

  return (
    <div
      class="batch-bar"
      role="toolbar"
      aria-label={t("tools.selected", { count: props.ids.length })}
    >
      <span aria-live="polite">{t("tools.selected", { count: props.ids.length })}</span>
      <Show when={allows(props.entity, "batchDelete")}>
        <button type="button" class="danger" onClick={remove}>
          {t("tools.batchDelete")}
        </button>
      </Show>
      <Show when={allows(props.entity, "batch")}>
        <button type="button" onClick={() => setAsking("assign")}>
          {t("tools.batchAssign")}
        </button>
        <button type="button" onClick={() => setAsking("share")}>
          {t("tools.batchShare")}
        </button>
      </Show>
      <Show when={isAdmin() && props.ids.length === 2}>
        <button type="button" onClick={() => setMerging(true)}>
          {t("tools.merge")}
        </button>
      </Show>
      <Show when={merging()}>
        <MergeDialog
          entity={props.entity}
          ids={[props.ids[0]!, props.ids[1]!]}
          onMerged={() => props.onDone()}
          onClose={() => setMerging(false)}
        />
      </Show>
      <PluginListActions
        entity={props.entity.key}
        ids={props.ids}
        onDone={props.onDone}
        onFailure={setFailure}
      />
      <button type="button" onClick={() => props.onClear()}>
        {t("tools.clearSelection")}
      </button>
      <Show when={failure()}>
        <span role="alert">{failure()}</span>
      </Show>
      <Show when={asking()} keyed>
        {(action) => (
          <BatchTargetDialog
            action={action}
            title={t(action === "assign" ? "tools.assignTitle" : "tools.shareTitle", {
              count: props.ids.length,
            })}
            onSubmit={apply}
            onClose={() => setAsking(undefined)}
          />
        )}
      </Show>
      <Show when={results()}>
        <BatchResultDialog
          results={results()!}
          title={(id) => titles.get(id) ?? id}
          onClose={() => {
            setResults(undefined);
            props.onDone();
          }}
        />
      </Show>
    </div>
  );
}
