import { describe, expect, it } from "vitest";
import { runCliProcess } from "../support/run-cli-process.ts";
import { testDatabase, testDbKind } from "../support/test-database.ts";
import { sameSession, testCompany, testEngine } from "../support/test-engine.ts";

const databaseEnv = () => ({
  DATABASE_URL: process.env.DATABASE_URL,
  ...(process.env.DATABASE_OWNER_URL && { DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL }),
});

// On PostgreSQL, where a CLI process opens the test's database in a second; its arguments
// are checked before any database is opened, on either.
describe.runIf(testDbKind === "postgres")("the CLI's modules commands", () => {
  it("lists the modules, switches one off for a company, and the company's users see it gone", async () => {
    await testDatabase();
    const engine = await testEngine();
    const company = await testCompany(engine, "climod");
    const list = await runCliProcess(databaseEnv(), "modules");
    expect(list.code, list.err).toBe(0);
    const lines = list.out.trim().split("\n");
    expect(lines[0]).toMatch(/^core\t1\.0\.0\tCore\tdepends on: -\talways on$/);
    expect(lines).toContainEqual(
      expect.stringMatching(/^crm\t1\.0\.0\tCustomers\tdepends on: core\tswitchable$/),
    );

    const off = await runCliProcess(
      databaseEnv(),
      "modules",
      "off",
      "sales",
      "--company",
      company.slug,
    );
    expect(off.code, off.err).toBe(0);
    expect(off.out).toContain(`module "sales" is off for company "${company.slug}"`);
    const state = await runCliProcess(databaseEnv(), "modules", "--company", company.slug);
    expect(state.out).toMatch(/^sales\t.*\toff$/m);
    expect(state.out).toMatch(/^crm\t.*\ton$/m);

    const later = await testEngine();
    const menus = (await sameSession(later, company.admin).get("/api/meta")).body.modules;
    expect(menus.map((m: { key: string }) => m.key)).toEqual(["crm"]);

    const refused = await runCliProcess(
      databaseEnv(),
      "modules",
      "off",
      "org",
      "--company",
      company.slug,
    );
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('the module "org" cannot be switched off');
  }, 60_000);
});

describe.runIf(testDbKind === "pglite")("the CLI's modules arguments", () => {
  it("says what is missing before opening any database", async () => {
    const [noModule, noCompany, wrongAction] = await Promise.all([
      runCliProcess({ DATA_DIR: "/nonexistent/metacrm" }, "modules", "off"),
      runCliProcess({ DATA_DIR: "/nonexistent/metacrm" }, "modules", "off", "crm"),
      runCliProcess({ DATA_DIR: "/nonexistent/metacrm" }, "modules", "toggle", "crm"),
    ]);
    expect(noModule.code).toBe(1);
    expect(noModule.err).toContain("modules takes nothing, or on|off and one module");
    expect(noCompany.code).toBe(1);
    expect(noCompany.err).toContain("modules off crm needs --company <slug>");
    expect(wrongAction.code).toBe(1);
    expect(wrongAction.err).toContain('got "toggle crm"');
  });
});
