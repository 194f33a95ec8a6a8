import chunks from "virtual:plugin-chunks";
import type { PluginUi } from "./plugin-ui.ts";

type Loader<T> = () => Promise<T>;

/** Imports a chunk by its URL, which the bundler leaves alone: no preload helper in the main bundle. */
const loader =
  <T>(url: string): Loader<T> =>
  () =>
    import(/* @vite-ignore */ url).then((m: { default: T }) => m.default);

/**
 * The loader of each plugin's screens, by plugin key: `ui/index.tsx` of
 * the plugins folder (UI_PLUGINS_DIR points elsewhere), each a chunk of its
 * own (ui/plugin-chunks.vite.ts). The main bundle holds only their URLs, so a
 * company without plugins loads nothing more.
 */
export const screenChunks: ReadonlyMap<string, Loader<PluginUi>> = new Map(
  chunks.filter((c) => c.kind === "screens").map((c) => [c.plugin, loader<PluginUi>(c.url)]),
);

/** Loaders of each plugin's texts (`ui/texts/<locale>.json`), one per locale. */
export const textChunks = chunks
  .filter((c) => c.kind === "texts")
  .map((c) => ({
    plugin: c.plugin,
    locale: c.locale,
    load: loader<Record<string, string>>(c.url),
  }));
