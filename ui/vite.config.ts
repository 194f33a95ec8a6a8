import { defineConfig } from "vite";
import solid from "vite-plugin-solid";

/** Built into ui/dist, which the engine serves at / (engine/http/serve-ui.ts). */
export default defineConfig({
  root: import.meta.dirname,
  plugins: [solid()],
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // No inline module-preload polyfill: the CSP allows scripts from files only.
    modulePreload: { polyfill: false },
  },
  server: { proxy: { "/api": "http://localhost:3000" } },
});
