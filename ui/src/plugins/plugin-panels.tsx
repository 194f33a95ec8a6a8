import { For } from "solid-js";
import { Dynamic } from "solid-js/web";
import type { EntityView } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import { t } from "../i18n/i18n.ts";
import { pluginPanels } from "./plugin-contributions.ts";
import { PluginBoundary } from "./plugin-failure.tsx";

/** The panels plugins add to a record's page, each a titled section of its own. */
export function PluginPanels(props: {
  entity: EntityView;
  record: RecordData;
  reload: () => void;
}) {
  return (
    <For each={pluginPanels(props.entity.key)}>
      {(panel) => {
        const id = `plugin-${panel.plugin}-${panel.key}`;
        return (
          <section class="related plugin-panel" id={id} aria-labelledby={`${id}-title`}>
            <header class="page-header">
              <h2 id={`${id}-title`}>{t(panel.title)}</h2>
            </header>
            <PluginBoundary plugin={panel.plugin}>
              <Dynamic
                component={panel.component}
                entity={props.entity}
                record={props.record}
                reload={props.reload}
              />
            </PluginBoundary>
          </section>
        );
      }}
    </For>
  );
}
