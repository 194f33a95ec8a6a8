import { Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { failedPlugins } from "./plugin-store.ts";

/** Says which of the company's plugins could not be loaded: their screens are missing, the rest works. */
export function PluginNotice() {
  return (
    <Show when={failedPlugins().length > 0}>
      <p class="banner" role="alert">
        {t("plugins.failed", { plugins: failedPlugins().join(", ") })}
      </p>
    </Show>
  );
}
