import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  {
    ignores: [
      "node_modules/",
      "data/",
      ".tmp/",
      "dist/",
      "ui/dist/",
      "metadata/types.gen.ts",
      "sdk/",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_" },
      ],
      // `interface ModuleDeps extends CoreServices {}`: how a folder adds its services to the module contract.
      "@typescript-eslint/no-empty-object-type": [
        "error",
        { allowInterfaces: "with-single-extends" },
      ],
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/ui/**"], message: "the engine never imports the UI" }] },
      ],
    },
  },
  {
    // `let el!: HTMLElement` with `ref={el}`: Solid's compiler assigns it.
    files: [
      "ui/**/*.tsx",
      "plugins/*/ui/**/*.tsx",
      "test/browser/fixtures/plugins/*/ui/**/*.tsx",
      "scripts/plugin-template/ui/**/*.tsx",
    ],
    rules: { "no-unassigned-vars": "off" },
  },
  {
    // A plugin's screens are UI: they import the app (ui/src/plugins/plugin-sdk.ts), never the engine.
    files: [
      "plugins/*/ui/**",
      "test/browser/fixtures/plugins/*/ui/**",
      "scripts/plugin-template/ui/**",
    ],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/engine/**"], message: "a plugin's UI talks to the API only" }] },
      ],
    },
  },
  {
    // Plain Node scripts that run before anything is compiled (scripts/build.js), or
    // without a TypeScript loader (bench/server-probe.js).
    files: ["scripts/**/*.js", "bench/**/*.js"],
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
  },
  {
    files: ["test/**/*.ts", "**/*.test.ts"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
