import { createSignal, onMount, Show } from "solid-js";
import type { EntityView } from "../../../metadata/types.gen.ts";
import { isAdmin } from "../admin/is-admin.ts";
import { t } from "../i18n/i18n.ts";
import { MergeDialog } from "../list/merge-dialog.tsx";
import { ReferenceWidget } from "../form/widgets/reference-widget.tsx";

/**
 * "Merge with…" on a record's page (admins): the other record is picked by
 * typing, as a reference is, then both are compared in the merge dialog.
 */
export function MergeWith(props: {
  entity: EntityView;
  id: string;
  onMerged: (kept: string) => void;
}) {
  const [picking, setPicking] = createSignal(false);
  const [other, setOther] = createSignal<string>();
  return (
    <Show when={isAdmin()}>
      <button type="button" onClick={() => setPicking(true)}>
        {t("records.mergeWith")}
      </button>
      <Show when={picking()}>
        <PickOther
          entity={props.entity}
          except={props.id}
          onPick={(id) => {
            setPicking(false);
            setOther(id);
          }}
          onClose={() => setPicking(false)}
        />
      </Show>
      <Show when={other()} keyed>
        {(id) => (
          <MergeDialog
            entity={props.entity}
            ids={[props.id, id]}
            onMerged={props.onMerged}
            onClose={() => setOther(undefined)}
          />
        )}
      </Show>
    </Show>
  );
}

function PickOther(props: {
  entity: EntityView;
  except: string;
  onPick: (id: string) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const [picked, setPicked] = createSignal<string>();
  const label = t("records.mergeOther");
  return (
    <dialog ref={dialog} aria-labelledby="merge-with-title" onClose={props.onClose}>
      <form
        class="stack"
        onSubmit={(e) => {
          e.preventDefault();
          const id = picked();
          if (!id || id === props.except) return;
          dialog.close();
          props.onPick(id);
        }}
      >
        <h2 id="merge-with-title">{t("records.mergeWithTitle")}</h2>
        <ReferenceWidget
          id="merge-other"
          name="merge-other"
          label={label}
          labelId=""
          entity={props.entity}
          field={{ type: "reference", entity: props.entity.key }}
          ui={{}}
          value={picked() ?? null}
          onChange={(v) => setPicked(typeof v === "string" ? v : undefined)}
          readOnly={false}
          invalid={false}
          describedBy={undefined}
          record={{}}
        />
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="primary" disabled={!picked() || picked() === props.except}>
            {t("records.mergeNext")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
