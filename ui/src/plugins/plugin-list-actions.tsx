import { createSignal, For } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { pluginListActions } from "./plugin-contributions.ts";

/**
 * Buttons of the plugins' actions on the selected rows, among the batch
 * bar's own; the list is read again after one ran, and a failure is said
 * where the bar says its own.
 */
export function PluginListActions(props: {
  entity: string;
  ids: string[];
  onDone: () => void;
  onFailure: (message: string) => void;
}) {
  const [running, setRunning] = createSignal(false);
  return (
    <For each={pluginListActions(props.entity)}>
      {(action) => (
        <button
          type="button"
          disabled={running()}
          onClick={async () => {
            setRunning(true);
            try {
              await action.run(props.ids);
              props.onDone();
            } catch (err) {
              const message = err instanceof Error ? err.message : String(err);
              props.onFailure(t("plugins.actionFailed", { action: t(action.label), message }));
            } finally {
              setRunning(false);
            }
          }}
        >
          {t(action.label)}
        </button>
      )}
    </For>
  );
}
