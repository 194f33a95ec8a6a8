import { createResource, Show } from "solid-js";
import { ApiFailure } from "../api/api-failure.ts";
import { allows } from "../api/entity-actions.ts";
import { api } from "../api/http.ts";
import type { EntityView } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { refersToRecords } from "../fields/refers-to-records.ts";
import { entityLabel, fieldLabel, t } from "../i18n/i18n.ts";
import { RecordTable } from "../list/record-table.tsx";
import { navigate } from "../router/router.ts";
import { paths } from "../router/routes.ts";

/**
 * The records of `entity` whose reference `field` points at the record on
 * screen (a customer's contacts, its activities), with "new" prefilled with
 * that link.
 */
export function RelatedList(props: {
  entity: EntityView;
  field: string;
  id: string;
  /** Counts the page's reloads (a plugin panel wrote): each one reads the list again. */
  round: number;
}) {
  const url = () => {
    const filter = { field: props.field, op: "eq", value: props.id };
    const params = new URLSearchParams({
      filter: JSON.stringify(filter),
      limit: "20",
      sort: props.entity.list.sort?.[0] ?? "-createdAt",
    });
    return `/api/data/${props.entity.key}?${params}`;
  };
  const [page] = createResource(
    () => ({ url: url(), round: props.round }),
    ({ url }) => api<{ items: RecordData[]; total: number }>("GET", url),
  );
  const data = () => (page.state === "errored" ? undefined : page.latest);
  const columns = () =>
    props.entity.list.columns.filter(
      (c) => c.field !== props.field && (props.entity.fields[c.field] || c.field === "owner"),
    );
  const title = () => {
    const others = Object.values(props.entity.fields).filter(refersToRecords);
    const label = entityLabel(props.entity, true);
    // Two links to the same entity (e.g. two customers) need the field's name to tell them apart.
    return others.length > 1 &&
      others.filter((f) => f.entity === props.entity.fields[props.field]?.entity).length > 1
      ? `${label} (${fieldLabel(props.entity, props.field)})`
      : label;
  };
  const headingId = () => `related-${props.entity.key}-${props.field}`;
  return (
    <section class="related" aria-labelledby={headingId()}>
      <header class="page-header">
        <h2 id={headingId()}>
          {title()} <span class="muted">{data()?.total ?? ""}</span>
        </h2>
        <Show when={allows(props.entity, "create")}>
          <button
            type="button"
            onClick={() => navigate(paths.new(props.entity.key, { [props.field]: props.id }))}
          >
            {t("detail.newRelated", { entity: entityLabel(props.entity) })}
          </button>
        </Show>
      </header>
      <Show when={page.error instanceof ApiFailure && page.error}>
        {(failure) => (
          <p class="error" role="alert">
            {t("error.generic", { message: failure().message })}
          </p>
        )}
      </Show>
      <div class="table-wrap" aria-busy={page.loading}>
        <RecordTable
          entity={props.entity}
          columns={columns()}
          rows={data()?.items ?? []}
          caption={title()}
          state={page.state === "errored" ? "failed" : data() ? "answered" : "loading"}
        />
      </div>
    </section>
  );
}
