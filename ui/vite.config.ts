import path from "node:path";
import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/**
 * Where plugins' screens come from (ui/src/plugins/plugin-chunks.ts):
 * UI_PLUGINS_DIR points elsewhere, so that the bundle bench can build
 * without any (bench/bundle-size.ts).
 */
const pluginsDir = path.resolve(
  process.env.UI_PLUGINS_DIR ?? path.join(import.meta.dirname, "../plugins"),
);

/** Built into ui/dist, which the engine serves at / (engine/http/serve-ui.ts). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid()],
  resolve: { alias: { "@plugins": pluginsDir } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline module-preload polyfill: the CSP allows scripts from files only.
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        // A plugin's chunks carry its name (plugin-loyalty-…js), for the bundle bench and for people.
        chunkFileNames: (chunk) => {
          const file = chunk.facadeModuleId ?? "";
          return file.startsWith(pluginsDir + path.sep)
            ? `assets/plugin-${path.relative(pluginsDir, file).split(path.sep)[0]}-[name]-[hash].js`
            : "assets/[name]-[hash].js";
        },
      },
    },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
