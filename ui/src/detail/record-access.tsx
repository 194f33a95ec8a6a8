import { createSignal, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { allows } from "../api/entity-actions.ts";
import { api } from "../api/http.ts";
import type { EntityView } from "../../../metadata/types.gen.ts";
import { previewing } from "../admin/preview-state.ts";
import { t } from "../i18n/i18n.ts";
import { BatchTargetDialog, type BatchTarget } from "../list/batch-target-dialog.tsx";
import { RecordShareDialog } from "./record-share-dialog.tsx";

/**
 * "Assign…" and "Share…" on a record's page, offered when the user's roles
 * may change the entity's records: a new owner (with the related records,
 * unless unticked — the answer says how many went along), and the record's
 * shares. Whether this record is theirs to give is the engine's call.
 */
export function RecordAccess(props: { entity: EntityView; id: string; onChanged: () => void }) {
  const [asking, setAsking] = createSignal<"assign" | "share">();
  const [done, setDone] = createSignal("");
  const [failure, setFailure] = createSignal("");
  const assign = async (target: BatchTarget) => {
    if (target.action !== "assign") return;
    setDone("");
    setFailure("");
    try {
      const answer = await api<{ _related: { moved: number } }>(
        "POST",
        `/api/data/${props.entity.key}/${props.id}/assign`,
        { owner: target.owner, related: target.related },
      );
      setDone(t("records.assigned", { count: answer._related.moved }));
      props.onChanged();
    } catch (err) {
      setFailure(err instanceof ApiFailure ? err.message : String(err));
    }
  };
  return (
    <Show when={allows(props.entity, "update") && !previewing()}>
      <button type="button" onClick={() => setAsking("assign")}>
        {t("records.assign")}
      </button>
      <button type="button" onClick={() => setAsking("share")}>
        {t("records.share")}
      </button>
      <span role="status">{done()}</span>
      <Show when={failure()}>
        <span role="alert" class="error">
          {failure()}
        </span>
      </Show>
      <Show when={asking() === "assign"}>
        <BatchTargetDialog
          action="assign"
          title={t("records.assignTitle")}
          onSubmit={(target) => void assign(target)}
          onClose={() => setAsking(undefined)}
        />
      </Show>
      <Show when={asking() === "share"}>
        <RecordShareDialog
          entity={props.entity.key}
          id={props.id}
          onClose={() => {
            setAsking(undefined);
            props.onChanged();
          }}
        />
      </Show>
    </Show>
  );
}
