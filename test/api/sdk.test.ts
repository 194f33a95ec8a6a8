import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sdkCommand } from "../../engine/cli/sdk-command.ts";
import { engineModules } from "../../engine/engine-modules.ts";
import { ModuleSet } from "../../engine/modules/module-set.ts";
import { definePlugin, type PluginRecordHooks } from "../../engine/plugins/plugin-api.ts";
import { pluginModule } from "../../engine/plugins/plugin-module.ts";
import { projectRoot } from "../../engine/project/project-root.ts";
import { runCliProcess } from "../support/run-cli-process.ts";
import { testDbKind } from "../support/test-database.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";
import { TestClient } from "../support/test-client.ts";
import { typeErrors } from "../support/type-check.ts";

const databaseEnv = () => ({
  DATABASE_URL: process.env.DATABASE_URL,
  ...(process.env.DATABASE_OWNER_URL && { DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL }),
});

// Under the project, so that the files written here find its node_modules and tsconfig's types.
const root = path.join(projectRoot, ".tmp", `sdk-test-${testDbKind}-${process.pid}`);
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The SDK as a developer makes it: through the CLI on PostgreSQL, where a
 * second process can open the test's database; on the embedded database,
 * which one process holds, by the command's own function in this process.
 */
async function generate(engine: TestEngine, slug: string, out: string) {
  if (testDbKind === "postgres") {
    const run = await runCliProcess(databaseEnv(), "sdk", slug, "--out", out);
    expect(run.code, run.err).toBe(0);
    return run.out;
  }
  let printed = "";
  const log = console.log;
  console.log = (text: string) => (printed += `${text}\n`);
  try {
    await sdkCommand(engine.deps, slug, out);
  } finally {
    console.log = log;
  }
  return printed;
}

/** A plugin author's file: a hook and a client call typed by the SDK; `field` is the one it uses. */
const pluginFile = (slug: string, field: string) => `
import { hooksFor } from "./sdk/${slug}/hooks.ts";
import { createClient, RecordsApiError } from "./sdk/${slug}/client.ts";
import type { Fetch } from "./sdk/${slug}/records-client.ts";

export const wechatHooks = hooksFor("customer", {
  beforeCreate({ values }) {
    if (values.${field}) values.${field} = values.${field}.trim().toLowerCase();
  },
});

export async function createAndList(fetch: Fetch, password: string) {
  const client = createClient({ baseUrl: "http://localhost", fetch });
  await client.login("admin", password);
  const created = await client.create("customer", { name: "宁波海曙贸易有限公司", ${field}: " NBHS_Trade " });
  const page = await client.list("customer", {
    filter: { field: "${field}", op: "eq", value: "nbhs_trade" },
    sort: ["-createdAt", "name"],
  });
  const changed = await client.update("customer", created, { ${field}: "haishu" });
  const again = await client.get("customer", created.id);
  const stale = await client.update("customer", created, { name: "旧" }).catch((e: RecordsApiError) => e);
  await client.delete("customer", changed);
  const left = await client.list("customer", { filter: { field: "id", op: "eq", value: created.id } });
  return {
    created: created.${field},
    listed: page.items.map((r) => r.${field}),
    changed: changed.${field},
    version: again.version,
    stale: stale instanceof RecordsApiError ? [stale.status, stale.code] : stale,
    left: left.items.length,
  };
}
`;

describe("the typed SDK of a company", () => {
  let engine: TestEngine;
  let company: TestCompany;
  let files: string;
  const good = path.join(root, "good-plugin.ts");
  const bad = path.join(root, "bad-plugin.ts");

  beforeAll(async () => {
    engine = await testEngine();
    company = await testCompany(engine, "sdk");
    const added = await company.admin.post("/api/admin/entities/customer/fields", {
      key: "x_wechat",
      type: "text",
      maxLength: 50,
      labels: { "zh-CN": "微信", en: "WeChat" },
    });
    expect(added.status, added.text).toBe(201);
    for (const [module, on] of [
      ["sales", false],
      ["loyalty", true],
    ] as const) {
      const res = await company.admin.patch(`/api/admin/modules/${module}`, { on });
      expect(res.status, res.text).toBe(200);
    }
    mkdirSync(root, { recursive: true });
    files = await generate(engine, company.slug, path.join(root, "sdk"));
    writeFileSync(good, pluginFile(company.slug, "x_wechat"));
    writeFileSync(bad, pluginFile(company.slug, "x_nope"));
  });

  it("writes the company's entities: its fields and its plugins' in, switched-off modules out", () => {
    const dir = path.join(root, "sdk", company.slug);
    expect(files).toContain(path.join(dir, "entities.ts"));
    const types = readFileSync(path.join(dir, "entities.ts"), "utf8");
    const declaration = (name: string) => {
      const start = types.indexOf(`export interface ${name} {`);
      expect(start, name).toBeGreaterThanOrEqual(0);
      return types.slice(start, types.indexOf("\n}\n", start));
    };
    expect(declaration("CustomerCreate")).toMatch(/^\s*x_wechat\?: string \| null;$/m);
    expect(declaration("CustomerRecord")).toMatch(/^\s*x_wechat: string \| null;$/m);
    expect(types).toContain("WeChat");
    // The loyalty plugin, on here: its entity, and its read-only balance on the customer's record only.
    declaration("XLoyaltyEntryRecord");
    expect(declaration("CustomerRecord")).toMatch(/^\s*x_loyalty_points: number \| null;$/m);
    expect(declaration("CustomerCreate")).not.toContain("x_loyalty_points");
    expect(types).not.toContain("ProductRecord");
  });

  it("type-checks a hook on a custom field, and refuses one on a field the company lacks", () => {
    const errors = typeErrors([good, bad]);
    expect(errors.get(good)).toEqual([]);
    expect(errors.get(bad)!.join("\n")).toMatch(/'x_nope' does not exist in type 'CustomerCreate'/);
    expect(errors.get(bad)!.join("\n")).toMatch(
      /Property 'x_nope' does not exist on type 'HookValues<.*CustomerCreate>'/,
    );
  }, 60_000);

  it("runs the typed hook in the engine and the typed client against its records API", async () => {
    const plugin = (await import(good)) as {
      wechatHooks: PluginRecordHooks;
      createAndList: (fetch: typeof engine.app.request, password: string) => Promise<unknown>;
    };
    const words = { en: "SDK probe", "zh-CN": "SDK 探针" };
    const sdkProbe = pluginModule(
      {
        name: "sdkprobe",
        version: "1.0.0",
        engineApi: "^1.0.0",
        label: words,
        description: words,
        dependsOn: ["crm"],
      },
      definePlugin({ hooks: [plugin.wechatHooks] }),
      false,
    );
    console.error((await company.admin.get("/api/auth/me")).status, company.admin.cookie);
    const withHook = await testEngine({ modules: new ModuleSet([...engineModules, sdkProbe]) });
    const admin = new TestClient(withHook.app);
    await admin.login(company.slug, "admin", "admin-password-1");
    const on = await admin.patch("/api/admin/modules/sdkprobe", {
      on: true,
    });
    expect(on.status, on.text).toBe(200);
    const result = await plugin.createAndList(
      (url, init) => withHook.app.request(url, init),
      "admin-password-1",
    );
    expect(result).toEqual({
      created: "nbhs_trade",
      listed: ["nbhs_trade"],
      changed: "haishu",
      version: 2,
      stale: [409, "stale"],
      left: 0,
    });
  });
});

describe.runIf(testDbKind === "postgres")("the CLI's sdk command", () => {
  it("refuses a company that does not exist, writing nothing", async () => {
    const out = path.join(root, "none");
    const run = await runCliProcess(databaseEnv(), "sdk", "nosuchco", "--out", out);
    expect(run.code).toBe(1);
    expect(run.err).toContain('no company "nosuchco"');
    expect(existsSync(out)).toBe(false);
  });
});

describe.runIf(testDbKind === "pglite")("the CLI's sdk arguments", () => {
  it("refuses a malformed company or output folder before opening any database", async () => {
    const env = { DATA_DIR: "/nonexistent/metacrm" };
    const [none, two, slug, out] = await Promise.all([
      runCliProcess(env, "sdk"),
      runCliProcess(env, "sdk", "acme", "beta"),
      runCliProcess(env, "sdk", "../etc"),
      runCliProcess(env, "sdk", "acme", "--out", "x".repeat(1001)),
    ]);
    expect([none.code, two.code, slug.code, out.code]).toEqual([1, 1, 1, 1]);
    expect(none.err).toContain("sdk takes exactly one company");
    expect(two.err).toContain('got "acme beta"');
    expect(slug.err).toContain('company slug "../etc" must start with a lower-case letter');
    expect(out.err).toContain("--out takes a folder path of 1 to 1000 characters");
  });
});
