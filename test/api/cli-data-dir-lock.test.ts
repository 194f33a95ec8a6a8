import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync, existsSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import path from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { projectRoot } from "../../engine/boot.ts";
import { testDbKind } from "../support/test-database.ts";

const tsx = path.join(projectRoot, "node_modules/.bin/tsx");
const dataDir = mkdtempSync(path.join(tmpdir(), "metacrm-lock-"));
const env = {
  ...process.env,
  DATA_DIR: dataDir,
  DATABASE_URL: "",
  SEED_DEMO: "false",
  PORT: "0",
  HOST: "127.0.0.1",
};
delete (env as Record<string, string | undefined>).DATABASE_URL;

function cli(...args: string[]) {
  const r = spawnSync(tsx, ["engine/cli/main.ts", ...args], {
    cwd: projectRoot,
    env,
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

const create = (slug: string) =>
  cli(
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

afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// The lock guards the embedded database's folder; PostgreSQL has its own concurrency control.
describe.runIf(testDbKind === "pglite")("the embedded database's folder lock", () => {
  it("refuses CLI writes with exit code 2 while the server runs, and allows them after", async () => {
    expect(create("before_server").code).toBe(0);

    const server = spawn(tsx, ["engine/main.ts"], {
      cwd: projectRoot,
      env,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    server.stdout.on("data", (d: Buffer) => (output += d.toString()));
    server.stderr.on("data", (d: Buffer) => (output += d.toString()));
    const exited = new Promise<number | null>((resolve) => server.on("exit", resolve));
    await new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 60_000);
      server.stdout.on("data", () => {
        if (output.includes("listening")) {
          clearTimeout(timer);
          resolve();
        }
      });
    });

    const refused = create("while_server_runs");
    expect(refused.code).toBe(2);
    expect(refused.err).toMatch(/in use by the server \(pid \d+/);
    const listRefused = cli("company", "list");
    expect(listRefused.code).toBe(2);

    server.kill("SIGTERM");
    expect(await exited).toBe(0);
    expect(existsSync(path.join(dataDir, "engine.lock"))).toBe(false);

    const after = create("after_server");
    expect(after.code).toBe(0);
    const list = cli("company", "list");
    expect(list.out).toMatch(/^after_server\t/m);
    expect(list.out).toMatch(/^before_server\t/m);
    expect(list.out).not.toMatch(/while_server_runs/);
  });

  it("takes over a lock left by a process that died", () => {
    writeFileSync(
      path.join(dataDir, "engine.lock"),
      JSON.stringify({
        pid: 2 ** 22 + 12345,
        host: hostname(),
        role: "the server",
        since: "2026-01-01T00:00:00Z",
      }),
    );
    const r = create("after_crash");
    expect(r.code).toBe(0);
  });
});
