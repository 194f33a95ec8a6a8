import { configDefaults, defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: "unit",
          include: ["engine/**/*.test.ts", "plugins/**/*.test.ts", "ui/src/**/*.test.ts"],
          // A plugin's test/ folder tests it through the API, on a database: the api project's.
          exclude: [...configDefaults.exclude, "plugins/*/test/**"],
        },
      },
      {
        test: {
          name: "api",
          include: ["test/api/**/*.test.ts", "plugins/*/test/**/*.test.ts"],
          // One worker, modules shared between files: every file reuses the one
          // database the harness opened (a fresh PGlite costs seconds and ~1 GB).
          fileParallelism: false,
          isolate: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          // One engine (started as `npm start` does) serves every file, one file at a time.
          globalSetup: ["test/browser/support/global-setup.ts"],
          fileParallelism: false,
          testTimeout: 60_000,
          hookTimeout: 120_000,
        },
      },
    ],
  },
});
