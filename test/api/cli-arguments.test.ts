import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { runCliProcess } from "../support/run-cli-process.ts";
import { testDbKind } from "../support/test-database.ts";

const root = mkdtempSync(path.join(tmpdir(), "metacrm-cli-args-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

/**
 * The CLI in a folder that does not exist yet: a command that opened the
 * embedded database would create it, so its absence afterwards shows that
 * the arguments were answered without opening any database.
 */
async function cli(...args: string[]) {
  const dataDir = path.join(root, `data-${Math.random().toString(36).slice(2)}`);
  const result = await runCliProcess({ DATA_DIR: dataDir }, ...args);
  return { ...result, opened: existsSync(dataDir) };
}

const create = (...extra: string[]) =>
  cli(
    "company",
    "create",
    "acme",
    "--name",
    "Acme",
    "--admin-user",
    "boss",
    "--admin-password",
    "a-long-password",
    ...extra,
  );

// The CLI's arguments do not depend on the database: once, in the embedded run.
describe.runIf(testDbKind === "pglite")("the CLI's arguments", () => {
  it("answers help, --help and -h with the usage and exit code 0, opening nothing", async () => {
    const answers = await Promise.all([
      cli("help"),
      cli("--help"),
      cli("-h"),
      cli("company", "create", "--help"),
    ]);
    for (const a of answers) {
      expect({ code: a.code, err: a.err, opened: a.opened }).toEqual({
        code: 0,
        err: "",
        opened: false,
      });
      expect(a.out).toMatch(/^usage: npm run cli -- <command>/);
      expect(a.out).toContain("company create <slug>");
    }
  });

  it("refuses wrong arguments with exit code 1, echoing the wrong value, before opening anything", async () => {
    const cases: [Promise<Awaited<ReturnType<typeof cli>>>, RegExp][] = [
      [create("--currency-decimals", "nine"), /--currency-decimals .* not "nine"/],
      [
        create("--currency-decimals", "9"),
        /currency decimals must be a whole number from 0 to 4, not 9/,
      ],
      [
        create("--language", "fr", "--timezone", "Mars/Base"),
        /timezone "Mars\/Base" is not an IANA time zone.*; language must be zh-CN or en, not "fr"/,
      ],
      [create("--nmae", "x"), /Unknown option '--nmae'/],
      [
        cli(
          "company",
          "create",
          "Bad-Slug",
          "--name",
          "x",
          "--admin-user",
          "boss",
          "--admin-password",
          "a-long-password",
        ),
        /company slug "Bad-Slug" must start/,
      ],
      [
        cli("company", "create", "acme"),
        /company create needs --name, --admin-user, --admin-password/,
      ],
      [cli("company", "list", "extra"), /company list takes no arguments, not "extra"/],
      [cli("company", "creat", "acme"), /unknown command "company creat"[\s\S]*usage:/],
      [cli(), /no command given[\s\S]*usage:/],
    ];
    const answers = await Promise.all(cases.map(([run]) => run));
    answers.forEach((a, i) => {
      const expected = cases[i]![1];
      expect({ i, code: a.code, opened: a.opened, out: a.out }).toEqual({
        i,
        code: 1,
        opened: false,
        out: "",
      });
      expect(a.err).toMatch(/^error: /);
      expect(a.err).toMatch(expected);
    });
    // A password is never echoed.
    const short = await create("--admin-password", "short");
    expect(short.err).toMatch(/a password needs at least 8 characters/);
    expect(short.err).not.toMatch(/\bshort\b/);
  });
});
