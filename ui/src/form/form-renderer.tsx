import { For, Show } from "solid-js";
import type { EntityView } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { sectionLabel } from "../i18n/i18n.ts";
import { FieldControl } from "./field-control.tsx";
import { formLayout } from "./form-layout.ts";

/**
 * Renders an entity's form from its metadata: sections as titled grids of
 * `columns` columns, fields in layout order (so the tab order follows the
 * layout), each with the widget its type or `ui:widget` names.
 */
export function FormRenderer(props: {
  entity: EntityView;
  record: RecordData;
  values: Record<string, unknown>;
  onChange: (field: string, value: unknown) => void;
  isReadOnly: (field: string) => boolean;
  errors: Record<string, string>;
}) {
  return (
    <For each={formLayout(props.entity)}>
      {(section) => (
        <details class="section" open={!section.collapsed}>
          <summary>
            <Show when={section.key} fallback={<span>&nbsp;</span>}>
              {sectionLabel(props.entity, section.key!)}
            </Show>
          </summary>
          <div
            class="grid"
            style={{ "grid-template-columns": `repeat(${section.columns}, minmax(0, 1fr))` }}
          >
            <For each={section.fields}>
              {(f) => (
                <FieldControl
                  entity={props.entity}
                  name={f.name}
                  ui={f.ui}
                  colspan={f.colspan}
                  record={props.record}
                  values={props.values}
                  value={props.values[f.name]}
                  onChange={(v) => props.onChange(f.name, v)}
                  readOnly={props.isReadOnly(f.name)}
                  error={props.errors[f.name]}
                />
              )}
            </For>
          </div>
        </details>
      )}
    </For>
  );
}
