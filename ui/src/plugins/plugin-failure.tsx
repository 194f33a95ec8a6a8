import { ErrorBoundary, type JSX } from "solid-js";
import { t } from "../i18n/i18n.ts";

/**
 * A plugin's component, kept from taking the page down with it: what it
 * throws while rendering becomes a line naming the plugin.
 */
export function PluginBoundary(props: { plugin: string; children: JSX.Element }) {
  return (
    <ErrorBoundary
      fallback={(err) => {
        console.warn(`plugin ${props.plugin}: a screen failed:`, err);
        return (
          <p class="banner" role="alert">
            {t("plugins.partFailed", { plugin: props.plugin })}
          </p>
        );
      }}
    >
      {props.children}
    </ErrorBoundary>
  );
}
