import path from "node:path";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";
import { pluginChunks } from "./plugin-chunks.vite.ts";

/**
 * Where plugins' screens come from (plugin-chunks.vite.ts):
 * UI_PLUGINS_DIR points elsewhere, so that the bundle bench can build
 * without any (bench/bundle-size.ts) and a browser test with fixture
 * plugins (test/browser/plugin-screens.test.ts).
 */
const pluginsDir = path.resolve(
  process.env.UI_PLUGINS_DIR ?? path.join(import.meta.dirname, "../plugins"),
);

/** Built into ui/dist, which the engine serves at / (engine/http/serve-ui.ts). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid(), pluginChunks(pluginsDir)],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline module-preload polyfill: the CSP allows scripts from files only.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // One chunk for the whole app, plugins' chunks apart: those import what they use from
        // it (it stays one file, and exports only that), rather than from a chunk split off
        // for what they share with it. A lazily loaded screen of the app itself would need a
        // group of its own here.
        codeSplitting: {
          groups: [{ name: "index", test: (id: string) => !id.startsWith(pluginsDir + path.sep) }],
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
