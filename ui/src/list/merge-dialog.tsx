import { createResource, createSignal, For, onMount, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import type { RecordData } from "../api/meta-types.ts";
import type { EntityView } from "../../../metadata/types.gen.ts";
import { fieldLabel, t } from "../i18n/i18n.ts";
import { formatValue } from "../format/format-field.ts";
import "../detail/records.css";

const same = (a: unknown, b: unknown) => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/**
 * Merges two records (admins; the server refuses others): both side by
 * side, which one stays, and for every field where they differ whose value
 * it keeps. The other record's references move to it and it is deleted;
 * both histories stay in the audit trail.
 */
export function MergeDialog(props: {
  entity: EntityView;
  ids: readonly [string, string];
  onMerged: (kept: string) => void;
  onClose: () => void;
}) {
  let dialog!: HTMLDialogElement;
  onMount(() => dialog.showModal());
  const [records] = createResource(() =>
    Promise.all(
      props.ids.map((id) => api<RecordData>("GET", `/api/data/${props.entity.key}/${id}`)),
    ),
  );
  const [keep, setKeep] = createSignal(0);
  const [choice, setChoice] = createSignal<Record<string, number>>({});
  const [failure, setFailure] = createSignal("");
  const [busy, setBusy] = createSignal(false);
  const settings = () => meta()!.company.settings;
  const differing = () => {
    const [a, b] = records() ?? [];
    if (!a || !b) return [];
    return Object.keys(props.entity.fields).filter((f) => !same(a[f], b[f]));
  };
  const side = (field: string) => choice()[field] ?? keep();
  const title = (r: RecordData) => String(r[props.entity.titleField] ?? r.id);

  const submit = async (event: SubmitEvent) => {
    event.preventDefault();
    const keepId = props.ids[keep()];
    const removeId = props.ids[1 - keep()];
    if (!keepId || !removeId) return;
    const values = Object.fromEntries(
      differing().map((f) => [f, side(f) === keep() ? "keep" : "remove"]),
    );
    setBusy(true);
    setFailure("");
    try {
      await api("POST", `/api/admin/entities/${props.entity.key}/merge`, {
        keep: keepId,
        remove: removeId,
        values,
      });
      dialog.close();
      props.onMerged(keepId);
    } catch (err) {
      setFailure(err instanceof ApiFailure ? err.message : String(err));
    }
    setBusy(false);
  };

  return (
    <dialog ref={dialog} aria-labelledby="merge-title" onClose={props.onClose} class="merge-dialog">
      <form class="stack" onSubmit={submit}>
        <h2 id="merge-title">{t("tools.mergeTitle")}</h2>
        <p class="help">{t("tools.mergeHelp")}</p>
        <Show when={records()} fallback={<p>{t("common.loading")}</p>}>
          {(both) => (
            <table class="admin-table merge-table">
              <thead>
                <tr>
                  <th scope="col">{t("tools.mergeField")}</th>
                  <For each={both()}>
                    {(r, i) => (
                      <th scope="col">
                        <label class="check">
                          <input
                            type="radio"
                            name="merge-keep"
                            checked={keep() === i()}
                            onChange={() => {
                              setKeep(i());
                              setChoice({});
                            }}
                          />{" "}
                          {t("tools.mergeKeep", { title: title(r) })}
                        </label>
                      </th>
                    )}
                  </For>
                </tr>
              </thead>
              <tbody>
                <For each={differing()}>
                  {(field) => (
                    <tr>
                      <th scope="row">{fieldLabel(props.entity, field)}</th>
                      <For each={both()}>
                        {(r, i) => (
                          <td>
                            <label class="check">
                              <input
                                type="radio"
                                name={`merge-${field}`}
                                aria-label={`${fieldLabel(props.entity, field)}: ${title(r)}`}
                                checked={side(field) === i()}
                                onChange={() => setChoice({ ...choice(), [field]: i() })}
                              />{" "}
                              {formatValue(props.entity, field, r, settings()) || t("common.none")}
                            </label>
                          </td>
                        )}
                      </For>
                    </tr>
                  )}
                </For>
              </tbody>
            </table>
          )}
        </Show>
        <Show when={records.error}>
          <p role="alert">{String((records.error as Error).message)}</p>
        </Show>
        <Show when={failure()}>
          <p role="alert">{failure()}</p>
        </Show>
        <div class="actions">
          <button type="button" onClick={() => dialog.close()}>
            {t("common.cancel")}
          </button>
          <button type="submit" class="primary" disabled={busy() || !records()}>
            {t("tools.mergeSubmit")}
          </button>
        </div>
      </form>
    </dialog>
  );
}
