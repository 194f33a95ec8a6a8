import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../engine/project/project-root.ts";
import { runCliProcess } from "../support/run-cli-process.ts";
import { testDbKind } from "../support/test-database.ts";

const dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-lock-"));
const lockFile = path.join(dataDir, "engine.lock");
const env = { DATA_DIR: dataDir, SEED_DEMO: "false", PORT: "0", HOST: "127.0.0.1" };
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

/**
 * Opening the embedded database is what costs: the server initialising a
 * fresh folder took 26–41 s and the CLI opening it again 12–17 s on a 2-core
 * machine at load 11–14 (tsx's start-up alone 2–5 s). This test opens it
 * twice; every refused or mistyped command is answered before the CLI loads
 * any database code. Timeouts allow about twice the worst of those.
 */
const openMs = 60_000;

const create = (slug: string) =>
  runCliProcess(
    env,
    "company",
    "create",
    slug,
    "--name",
    `Company ${slug}`,
    "--admin-user",
    "admin",
    "--admin-password",
    "admin-password-1",
  );

/** Starts the server on the folder and resolves once it listens. */
async function startServer() {
  const server = spawn(process.execPath, ["--import", "tsx", "engine/main.ts"], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`server did not start: ${output}`)),
      openMs * 2,
    );
    const read = (d: Buffer) => {
      output += d.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    };
    server.stdout.on("data", read);
    server.stderr.on("data", read);
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  return { pid: server.pid!, stop: () => (server.kill("SIGTERM"), exited) };
}

// The lock guards the embedded database's folder; PostgreSQL has its own concurrency control.
describe.runIf(testDbKind === "pglite")("the embedded database's folder lock", () => {
  it(
    "refuses CLI commands with exit code 2 while the server runs, and takes a crashed process's lock after",
    async () => {
      const server = await startServer();
      expect(JSON.parse(readFileSync(lockFile, "utf8"))).toMatchObject({
        pid: server.pid,
        role: "the server",
      });
      const [refused, listRefused, typo] = await Promise.all([
        create("while_server_runs"),
        runCliProcess(env, "company", "list"),
        runCliProcess(env, "company", "lsit"),
      ]);
      expect(refused.code).toBe(2);
      expect(refused.err).toMatch(/in use by the server \(pid \d+/);
      expect(listRefused.code).toBe(2);
      // Arguments come first: a typo is a typo, even while the folder is locked.
      expect(typo.code).toBe(1);
      expect(typo.err).toMatch(/unknown command "company lsit"/);

      expect(await server.stop()).toBe(0);
      expect(existsSync(lockFile)).toBe(false);

      // A crash leaves the lock behind; the next command takes it over, and finds
      // that the refused create wrote nothing.
      writeFileSync(
        lockFile,
        JSON.stringify({ pid: 2 ** 22 + 12345, host: hostname(), role: "the server", since: "x" }),
      );
      const list = await runCliProcess(env, "company", "list");
      expect({ code: list.code, out: list.out, err: list.err }).toEqual({
        code: 0,
        out: "no companies yet: npm run cli -- company create <slug> ...\n",
        err: "",
      });
      expect(existsSync(lockFile)).toBe(false);
    },
    openMs * 3,
  );
});
