import { describe, expect, it } from "vitest";
import { demoLogin } from "../../engine/demo/seed-demo.ts";
import { npmStart } from "../support/npm-start.ts";
import { testDatabase, testDbKind } from "../support/test-database.ts";

/** Starts the server as `npm start` does, on the test's PostgreSQL, and returns what it printed. */
async function startAndStop(): Promise<string> {
  const server = npmStart({
    PATH: process.env.PATH,
    DATABASE_URL: process.env.DATABASE_URL,
    ...(process.env.DATABASE_OWNER_URL && { DATABASE_OWNER_URL: process.env.DATABASE_OWNER_URL }),
    SEED_DEMO: "true",
    PORT: "0",
    HOST: "127.0.0.1",
  });
  let output = "";
  // "close": the process has exited and everything it printed has been read.
  const exited = new Promise<number | null>((resolve) => server.on("close", resolve));
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`server did not start: ${output}`)), 90_000);
    server.stdout.on("data", (d: Buffer) => {
      output += d.toString();
      if (output.includes("listening on")) {
        clearTimeout(timer);
        resolve();
      }
    });
    server.stderr.on("data", (d: Buffer) => (output += d.toString()));
    void exited.then((code) => reject(new Error(`server exited with ${code}: ${output}`)));
  });
  server.kill("SIGTERM");
  expect(await exited).toBe(0);
  return output;
}

// What the server prints does not depend on the database; on PostgreSQL a start costs
// seconds (no folder to initialise), and the test database may hold a demo company.
describe.runIf(testDbKind === "postgres")("what the server prints when it starts", () => {
  it("shows the demo admin's password only on the start that creates the demo company", async () => {
    await testDatabase(); // the run's database, emptied of earlier runs' companies
    const first = await startAndStop();
    expect(first).toMatch(/listening on http:\/\/localhost:\d+/);
    expect(first).toContain("created the demo company; log in with:");
    expect(first).toContain(demoLogin.password);

    const second = await startAndStop();
    expect(second).toMatch(/listening on http:\/\/localhost:\d+/);
    expect(second).not.toContain(demoLogin.password);
    expect(second).not.toContain("log in with");
  }, 240_000);
});
