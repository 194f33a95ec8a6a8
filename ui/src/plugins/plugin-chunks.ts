import type { PluginUi } from "./plugin-ui.ts";

type Loader<T> = () => Promise<T>;

/**
 * `@plugins` is the plugins folder (ui/vite.config.ts; UI_PLUGINS_DIR
 * points it elsewhere). Not eager: each file becomes a chunk of its own and
 * the main bundle holds only this map of loaders, so a company without
 * plugins loads nothing more.
 */
const screens = import.meta.glob<PluginUi>("@plugins/*/ui/index.tsx", { import: "default" });
const texts = import.meta.glob<Record<string, string>>("@plugins/*/ui/texts/*.json", {
  import: "default",
});

const byPlugin = <T>(loaders: Record<string, Loader<T>>, file: RegExp) =>
  Object.entries(loaders).flatMap(([path, load]) => {
    const [, plugin, locale = ""] = file.exec(path) ?? [];
    return plugin ? [{ plugin, locale, load }] : [];
  });

/** The loader of each plugin's screens, by plugin key. */
export const screenChunks: ReadonlyMap<string, Loader<PluginUi>> = new Map(
  byPlugin(screens, /([^/]+)\/ui\/index\.tsx$/).map((c) => [c.plugin, c.load]),
);

/** Loaders of each plugin's texts, one per locale. */
export const textChunks = byPlugin(texts, /([^/]+)\/ui\/texts\/([^/]+)\.json$/);
