import { createResource, createSignal, For, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { allows } from "../api/entity-actions.ts";
import { api } from "../api/http.ts";
import { meta } from "../api/meta-store.ts";
import type { RecordData } from "../api/meta-types.ts";
import { refersToRecords } from "../fields/refers-to-records.ts";
import { entityLabel, t } from "../i18n/i18n.ts";
import { navigate } from "../router/router.ts";
import { paths } from "../router/routes.ts";
import { WhyAccess } from "../admin/why-access.tsx";
import { RecordStepper } from "../keyboard/record-stepper.tsx";
import { DetailSections } from "./detail-sections.tsx";
import { RelatedList } from "./related-list.tsx";
import { RecordAccess } from "./record-access.tsx";
import { MergeWith } from "./merge-with.tsx";
import { RecordHistory } from "./record-history.tsx";
import { RecordTabs, type RecordTab } from "./record-tabs.tsx";
import { PluginPanels } from "../plugins/plugin-panels.tsx";

/**
 * One record: its fields in the form's sections, read-only (DetailSections),
 * then a related list for every reference another entity has to this one
 * (from metadata) and the panels of the company's plugins; its history in a
 * second tab.
 */
export function DetailPage(props: { entity: string; id: string }) {
  const entity = () => meta()!.entities[props.entity]!;
  const [tab, setTab] = createSignal<RecordTab>("details");
  const [round, setRound] = createSignal(0);
  const [record, { refetch }] = createResource(
    () => `/api/data/${props.entity}/${props.id}`,
    (url) => api<RecordData>("GET", url),
  );
  const data = () => (record.state === "errored" ? undefined : record.latest);
  const failure = () => (record.error instanceof ApiFailure ? record.error : undefined);
  const related = () =>
    Object.values(meta()!.entities).flatMap((other) =>
      Object.entries(other.fields)
        .filter(([, f]) => refersToRecords(f) && f.entity === props.entity)
        .map(([field]) => ({ entity: other, field })),
    );
  const remove = async () => {
    if (!window.confirm(t("detail.deleteConfirm"))) return;
    try {
      await api("DELETE", `/api/data/${props.entity}/${props.id}`);
      navigate(paths.list(props.entity), { replace: true });
    } catch (err) {
      window.alert(err instanceof ApiFailure ? err.message : String(err));
    }
  };

  return (
    <article class="detail-page" aria-labelledby="detail-title">
      <header class="page-header">
        <h1 id="detail-title">
          {entityLabel(entity())}
          <Show when={data()}>: {String(data()![entity().titleField] ?? "")}</Show>
        </h1>
        <div class="actions">
          <RecordStepper entity={props.entity} id={props.id} />
          <button type="button" onClick={() => navigate(paths.list(props.entity))}>
            {t("common.back")}
          </button>
          <Show when={data() && allows(entity(), "update")}>
            <button
              type="button"
              class="primary"
              onClick={() => navigate(paths.edit(props.entity, props.id))}
            >
              {t("common.edit")}
            </button>
          </Show>
          <Show when={data()}>
            <RecordAccess entity={entity()} id={props.id} onChanged={() => void refetch()} />
          </Show>
          <Show when={data()}>
            <MergeWith
              entity={entity()}
              id={props.id}
              onMerged={(kept) =>
                kept === props.id
                  ? void refetch()
                  : navigate(paths.detail(props.entity, kept), { replace: true })
              }
            />
          </Show>
          <Show when={data() && allows(entity(), "delete")}>
            <button type="button" class="danger" onClick={remove}>
              {t("common.delete")}
            </button>
          </Show>
        </div>
      </header>
      <Show when={failure()}>
        <div class="banner" role="alert">
          {failure()!.status === 404
            ? t("error.notFound")
            : failure()!.status === 403
              ? `${t("error.forbidden")} ${failure()!.message}`
              : t("error.generic", { message: failure()!.message })}
        </div>
      </Show>
      <Show when={data()}>
        <RecordTabs tab={tab()} onTab={setTab} />
      </Show>
      <Show when={data() && tab() === "history"}>
        <RecordHistory entity={entity()} id={props.id} version={data()!.version} />
      </Show>
      <Show when={data() && tab() === "details"}>
        <DetailSections entity={entity()} record={data()!} />
        <PluginPanels
          entity={entity()}
          record={data()!}
          reload={() => {
            void refetch();
            setRound(round() + 1);
          }}
        />
        <For each={related()}>
          {(r) => <RelatedList entity={r.entity} field={r.field} id={props.id} round={round()} />}
        </For>
      </Show>
      <WhyAccess entity={props.entity} id={props.id} />
    </article>
  );
}
