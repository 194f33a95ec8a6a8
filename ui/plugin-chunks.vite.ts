import { existsSync, readdirSync } from "node:fs";
import path from "node:path";
import type { Plugin } from "vite";

const id = "virtual:plugin-chunks";
const resolved = `\0${id}`;

/** Each plugin's UI files: `ui/index.tsx` and `ui/texts/<locale>.json`, where they exist. */
function pluginFiles(pluginsDir: string) {
  if (!existsSync(pluginsDir)) return [];
  return readdirSync(pluginsDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap(({ name }) => {
      const ui = path.join(pluginsDir, name, "ui");
      const texts = path.join(ui, "texts");
      return [
        ...(existsSync(path.join(ui, "index.tsx"))
          ? [{ plugin: name, kind: "screens", locale: "", file: path.join(ui, "index.tsx") }]
          : []),
        ...(existsSync(texts) ? readdirSync(texts) : [])
          .filter((f) => f.endsWith(".json"))
          .map((f) => ({
            plugin: name,
            kind: "texts",
            locale: f.slice(0, -".json".length),
            file: path.join(texts, f),
          })),
      ];
    });
}

/**
 * `virtual:plugin-chunks` (read by ui/src/plugins/plugin-chunks.ts): the URL
 * of each plugin's screens and texts, each built as a chunk of its own. The
 * UI imports them by URL, so the main bundle holds only this list: Vite's
 * own lazy imports (`import.meta.glob`) would also bring its preload helper,
 * about 2 KB that no plugin chunk needs (they import only the main bundle).
 */
export function pluginChunks(pluginsDir: string): Plugin[] {
  let serving = false;
  const chunkList: Plugin = {
    name: "metacrm-plugin-chunks",
    configResolved(config) {
      serving = config.command === "serve";
    },
    resolveId: (source) => (source === id ? resolved : undefined),
    load(loaded) {
      if (loaded !== resolved) return;
      const files = pluginFiles(pluginsDir);
      for (const f of files) this.addWatchFile(f.file);
      const url = (f: (typeof files)[number]) =>
        serving
          ? JSON.stringify(`/@fs${f.file}${f.kind === "texts" ? "?import" : ""}`)
          : `import.meta.ROLLUP_FILE_URL_${this.emitFile({
              type: "chunk",
              // Vite leaves an app's entries without exports; these are imported for theirs.
              preserveSignature: "strict",
              id: f.file,
              name: `plugin-${f.plugin}-${f.kind}${f.locale && `-${f.locale}`}`,
            })}`;
      const entries = files.map(
        (f) =>
          `{ plugin: ${JSON.stringify(f.plugin)}, kind: "${f.kind}", locale: "${f.locale}", url: ${url(f)} }`,
      );
      return `export default [${entries.join(",\n")}];\n`;
    },
  };
  /**
   * A plugin's stylesheet: Vite links an entry's CSS only from index.html,
   * so a plugin's screens chunk links its own as it loads. After Vite's CSS
   * plugin (`post`), which has recorded the chunk's CSS files by then.
   */
  const chunkStyles: Plugin = {
    name: "metacrm-plugin-chunk-styles",
    enforce: "post",
    renderChunk(code, chunk) {
      const css = [...(chunk.viteMetadata?.importedCss ?? [])];
      if (!chunk.facadeModuleId?.startsWith(pluginsDir + path.sep) || css.length === 0) return null;
      const hrefs = css.map(
        (file) =>
          `new URL(${JSON.stringify(`./${path.posix.relative(path.posix.dirname(chunk.fileName), file)}`)}, import.meta.url).href`,
      );
      const link = `for (const href of [${hrefs.join(", ")}]) document.head.append(Object.assign(document.createElement("link"), { rel: "stylesheet", href }));`;
      return { code: `${link}\n${code}`, map: null };
    },
  };
  return [chunkList, chunkStyles];
}
