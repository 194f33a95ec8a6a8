import { execFile } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";
import path from "node:path";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { newPlugin } from "../../engine/cli/new-plugin.ts";
import { pluginApiVersion } from "../../engine/plugins/plugin-api-version.ts";
import { projectRoot } from "../../engine/project/project-root.ts";
import { copyProjectRoot } from "../support/project-copy.ts";
import { runCliProcess } from "../support/run-cli-process.ts";
import { testDbKind } from "../support/test-database.ts";
import { typeErrors } from "../support/type-check.ts";

const run = promisify(execFile);
const name = "scaffolded";
const root = copyProjectRoot(`plugin-scaffold-${testDbKind}`);
const files = await newPlugin(root, name);
const dir = path.join(root, "plugins", name);
// At the end of the file, the generated test's suites included.
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("npm run cli -- plugin new", () => {
  it("writes a plugin folder with its manifest, entity, hook, job, route, widget, texts and test", () => {
    expect(files).toEqual(
      expect.arrayContaining([
        `plugins/${name}/plugin.json`,
        `plugins/${name}/metadata/entities/x_${name}_note/entity.json`,
        `plugins/${name}/metadata/modules.json`,
        `plugins/${name}/server/index.ts`,
        `plugins/${name}/server/note-hooks.ts`,
        `plugins/${name}/server/tally-job.ts`,
        `plugins/${name}/server/summary-routes.ts`,
        `plugins/${name}/texts/zh-CN.json`,
        `plugins/${name}/test/${name}.test.ts`,
        `plugins/${name}/ui/index.tsx`,
        `plugins/${name}/ui/counted-text.tsx`,
        `plugins/${name}/ui/texts/en.json`,
        `plugins/${name}/ui/texts/zh-CN.json`,
      ]),
    );
    const manifest = JSON.parse(readFileSync(path.join(dir, "plugin.json"), "utf8"));
    expect(manifest).toMatchObject({
      name,
      engineApi: `^${pluginApiVersion}`,
      label: { en: "Scaffolded" },
      menus: [name],
    });
    const entity = JSON.parse(
      readFileSync(path.join(dir, `metadata/entities/x_${name}_note/entity.json`), "utf8"),
    );
    expect(entity).toMatchObject({ key: `x_${name}_note`, module: name });
    for (const file of files)
      expect(readFileSync(path.join(root, file), "utf8")).not.toMatch(/pluginname/i);
  });

  // Types do not depend on the database: once, in the embedded run.
  it.runIf(testDbKind === "pglite")(
    "writes code that type-checks as the project's",
    () => {
      const code = files.filter((f) => f.endsWith(".ts")).map((f) => path.join(root, f));
      const errors = typeErrors(code);
      for (const file of code) expect(errors.get(file), file).toEqual([]);
      const screens = files.filter((f) => f.endsWith(".tsx")).map((f) => path.join(root, f));
      const uiErrors = typeErrors(screens, path.join(root, "ui/tsconfig.json"));
      for (const file of screens) expect(uiErrors.get(file), file).toEqual([]);
    },
    90_000,
  );

  it.runIf(testDbKind === "pglite")("puts its test where the API suite picks it up", async () => {
    const { stdout } = await run(
      process.execPath,
      ["node_modules/vitest/vitest.mjs", "list", "--filesOnly", `plugins/${name}/`],
      { cwd: root },
    );
    expect(stdout.trim().split("\n")).toEqual([`[api] plugins/${name}/test/${name}.test.ts`]);
  });

  it("refuses a malformed name, an engine module's and a plugin's that exists, writing nothing", async () => {
    await expect(newPlugin(root, "Bad-Name")).rejects.toThrow(
      /2 to 30 lower-case letters and digits, starting with a letter .*not "Bad-Name"/,
    );
    await expect(newPlugin(root, "crm")).rejects.toThrow('"crm" is the name of an engine module');
    await expect(newPlugin(root, name)).rejects.toThrow(`plugins/${name} exists already`);
    expect(existsSync(path.join(root, "plugins", "Bad-Name"))).toBe(false);
  });

  it.runIf(testDbKind === "pglite")(
    "answers a refused name with exit code 1, and a missing one with the usage",
    async () => {
      const [none, taken] = await Promise.all([
        runCliProcess({}, "plugin", "new"),
        runCliProcess({}, "plugin", "new", "loyalty", "--root", projectRoot),
      ]);
      expect([none.code, taken.code]).toEqual([1, 1]);
      expect(none.err).toContain("plugin new takes exactly one name");
      expect(taken.err).toContain("plugins/loyalty exists already");
    },
  );
});

// The generated test, unchanged, run by this harness on this run's database: its suites join this file's.
await import(path.join(dir, "test", `${name}.test.ts`));
