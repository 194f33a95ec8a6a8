import { For } from "solid-js";
import { meta } from "../api/meta-store.ts";
import type { EntityView, RecordData } from "../api/meta-types.ts";
import { fieldLabel, sectionLabel, t } from "../i18n/i18n.ts";
import { formatValue } from "../format/format-field.ts";
import { formLayout } from "../form/form-layout.ts";
import "./detail.css";

const systemShown = ["owner", "createdAt", "createdBy", "updatedAt", "updatedBy"];

/**
 * A record's fields, read-only, in its form's sections — each with its title
 * and its own columns — laid out two sections abreast on a wide screen, then
 * the record information (owner, created, updated).
 */
export function DetailSections(props: { entity: EntityView; record: RecordData }) {
  const value = (field: string) =>
    formatValue(props.entity, field, props.record, meta()!.company.settings) || t("common.none");
  const section = (title: string, columns: number, fields: { name: string; colspan: number }[]) => (
    <section class="section">
      <h2>{title}</h2>
      <dl class="grid" style={{ "grid-template-columns": `repeat(${columns}, minmax(0, 1fr))` }}>
        <For each={fields}>
          {(f) => (
            <div class="field" style={{ "grid-column": `span ${f.colspan}` }}>
              <dt>{fieldLabel(props.entity, f.name)}</dt>
              <dd>{value(f.name)}</dd>
            </div>
          )}
        </For>
      </dl>
    </section>
  );
  return (
    <div class="detail-sections">
      <For each={formLayout(props.entity)}>
        {(s) => section(s.key ? sectionLabel(props.entity, s.key) : "", s.columns, s.fields)}
      </For>
      {section(
        t("detail.system"),
        2,
        systemShown.map((name) => ({ name, colspan: 1 })),
      )}
    </div>
  );
}
