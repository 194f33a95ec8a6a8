import { createSignal } from "solid-js";
import { isLocale } from "../../../metadata/locale.ts";
import { meta } from "../api/meta-store.ts";
import { addMessages } from "../i18n/i18n.ts";
import { screenChunks, textChunks } from "./plugin-chunks.ts";
import type { PluginUi } from "./plugin-ui.ts";

const [loaded, setLoaded] = createSignal<ReadonlyMap<string, PluginUi>>(new Map());
const [failed, setFailed] = createSignal<readonly string[]>([]);
const loading = new Map<string, Promise<void>>();

/** A plugin whose texts break the rules: its screens are left out as if its chunk failed. */
class PluginTextsError extends Error {}

/** A plugin's texts, merged into the UI's: each key must start with `<plugin>.`, so none replaces another's. */
async function loadTexts(plugin: string) {
  const files = textChunks.filter((c) => c.plugin === plugin);
  const read = await Promise.all(files.map(async (c) => ({ ...c, words: await c.load() })));
  for (const { locale, words } of read) {
    const stray = Object.keys(words).find((key) => !key.startsWith(`${plugin}.`));
    if (!isLocale(locale)) throw new PluginTextsError(`ui/texts/${locale}.json is no locale`);
    if (stray) throw new PluginTextsError(`text key "${stray}" does not start with "${plugin}."`);
  }
  for (const { locale, words } of read) if (isLocale(locale)) addMessages(locale, words);
}

/** How long screens wait for a plugin's chunks: a stalled one must not hold the page. */
const loadSeconds = 10;

const within = <T>(work: Promise<T>, seconds: number) =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`no answer in ${seconds} s`)), seconds * 1000);
    work.then(resolve, reject).finally(() => clearTimeout(timer));
  });

function load(plugin: string): Promise<void> {
  let pending = loading.get(plugin);
  if (pending) return pending;
  const chunk = screenChunks.get(plugin);
  pending = (async () => {
    try {
      if (!chunk) throw new Error("this build has no ui/index.tsx of it");
      const [ui] = await within(Promise.all([chunk(), loadTexts(plugin)]), loadSeconds);
      setLoaded(new Map([...loaded(), [plugin, ui]]));
      setFailed(failed().filter((p) => p !== plugin));
    } catch (err) {
      // The rest of the UI works without it; the shell names it (PluginNotice). The next
      // screen tries again: the network may have failed, not the plugin.
      console.warn(`plugin ${plugin}: its screens could not be loaded:`, err);
      if (!failed().includes(plugin)) setFailed([...failed(), plugin]);
      loading.delete(plugin);
    }
  })();
  loading.set(plugin, pending);
  return pending;
}

/**
 * Loads the screens of every plugin the metadata names that are not loaded
 * yet; resolves once each has loaded or failed. Screens wait for it, so
 * that a panel or widget does not pop in after the page; but not for one
 * that failed before, which is tried again meanwhile and shows up if it
 * loads.
 */
export function loadPlugins(): Promise<void> {
  const plugins = meta()?.plugins ?? [];
  for (const plugin of plugins.filter((p) => failed().includes(p))) void load(plugin);
  return Promise.all(plugins.filter((p) => !failed().includes(p)).map(load)).then(() => undefined);
}

/**
 * The contributions of the plugins the current company has on, in the
 * metadata's order. A plugin switched off (or another company's) drops out
 * at once, though its chunk stays loaded.
 */
export const pluginUis = (): { plugin: string; ui: PluginUi }[] =>
  (meta()?.plugins ?? []).flatMap((plugin) => {
    const ui = loaded().get(plugin);
    return ui ? [{ plugin, ui }] : [];
  });

/** The plugins of the current company whose screens failed to load. */
export const failedPlugins = () => failed().filter((p) => meta()?.plugins.includes(p));
