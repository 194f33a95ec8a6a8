import { sql } from "kysely";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../engine/app.ts";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { ExportLimits } from "../../engine/db/export-limits.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/**
 * An export lasts as long as its client takes to read. Downloads held unread
 * (real streams, backpressure and all) must never take the connections the
 * rest of the engine needs, and beyond their limits exports are refused
 * with a clear 429/503 and Retry-After rather than queued.
 */

const rows = 3000;
const password = "export-password-1";
/** Answers slower than this count as "not answered": the engine idles well under it. */
const answerBound = 5000;

let engine: TestEngine;
let a: TestCompany;
let other: TestCompany;
let exporters: TestClient[];
const held: ReadableStream<Uint8Array>[] = [];

type Answer = { status: number; headers: Headers; text: string } | "no answer";

/** A request's answer, or "no answer" when none came within the bound. */
async function within(request: Promise<Response>): Promise<Answer> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<"no answer">((resolve) => {
    timer = setTimeout(() => resolve("no answer"), answerBound);
  });
  const answered = request.then(async (res) => ({
    status: res.status,
    headers: res.headers,
    text: await res.text(),
  }));
  const result = await Promise.race([answered, late]);
  clearTimeout(timer);
  return result;
}

function request(
  app: ReturnType<typeof createApp>,
  client: TestClient,
  path: string,
): Promise<Response> {
  const headers: Record<string, string> = {
    "x-forwarded-for": client.address,
    "accept-language": "en",
  };
  if (client.cookie) headers.cookie = client.cookie;
  return Promise.resolve(app.request(path, { headers }));
}

/** Starts an export and keeps its download unread; a refusal comes back as it is. */
async function holdExport(app: ReturnType<typeof createApp>, client: TestClient) {
  const res = await request(app, client, "/api/data/customer/export?columns=name,remark");
  if (res.status === 200) held.push(res.body!);
  else await res.text();
  return res;
}

const fetchFrom = (app: ReturnType<typeof createApp>, path: string, init: RequestInit) =>
  Promise.resolve(app.request(path, init));

async function releaseHeld() {
  await Promise.all(held.splice(0).map((body) => body.cancel().catch(() => undefined)));
}

/** Reads a download to its end; undefined when it was cut off. */
async function readAll(res: Response): Promise<string | undefined> {
  try {
    return await res.text();
  } catch {
    return undefined;
  }
}

async function until(condition: () => Promise<boolean>, ms = 15_000) {
  const end = Date.now() + ms;
  while (!(await condition())) {
    if (Date.now() > end) throw new Error("condition not met in time");
    await new Promise((r) => setTimeout(r, 100));
  }
}

beforeAll(async () => {
  engine = await testEngine();
  a = await testCompany(engine, "exl");
  other = await testCompany(engine, "exo");
  const db = engine.deps.database.db;
  const adminId = (await a.admin.get("/api/auth/me")).body.user.id as string;
  // Enough rows of long text that a download far outgrows every stream buffer.
  await sql`insert into ${sql.id(schemaOf(a.slug), "customer")}
      ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name", "remark")
    select gen_random_uuid(), 1, ${adminId}, ${adminId}, ${adminId}, now(), now(),
      'Customer ' || i, repeat('备注', 1000)
    from generate_series(1, ${rows}) as i`.execute(db);
  exporters = [];
  for (const name of ["ex1", "ex2", "ex3", "ex4", "ex5"]) {
    await addStaffUser(engine, a.slug, name, password);
    const client = new TestClient(engine.app);
    await client.login(a.slug, name, password);
    exporters.push(client);
  }
});

afterEach(releaseHeld);

describe("exports held unread", () => {
  it("ten stalled downloads leave health, login and another company's list answering", async () => {
    const app = createApp({
      ...engine.deps,
      exportLimits: { atOnce: 4, perUser: 2, stallMs: 120_000 },
    });
    // Two each from five users: as many as the main pool has connections.
    const started = [];
    for (const client of exporters) {
      started.push(await holdExport(app, client), await holdExport(app, client));
    }
    await new Promise((r) => setTimeout(r, 500));

    const health = await within(fetchFrom(app, "/api/health", {}));
    expect(health !== "no answer" && health.status).toBe(200);
    const list = await within(request(app, other.admin, "/api/data/customer?limit=5"));
    expect(list !== "no answer" && list.status).toBe(200);
    const login = await within(
      fetchFrom(app, "/api/auth/login", {
        method: "POST",
        headers: { "content-type": "application/json", "x-forwarded-for": "10.99.0.1" },
        body: JSON.stringify({
          company: other.slug,
          username: "admin",
          password: "admin-password-1",
        }),
      }),
    );
    expect(login !== "no answer" && login.status).toBe(200);
    // Even the company whose exports stall still lists its records.
    const own = await within(request(app, exporters[4]!, "/api/data/customer?limit=5"));
    expect(own !== "no answer" && own.status).toBe(200);
    // Four ran; the rest were refused rather than left waiting for a connection.
    expect(started.map((r) => r.status)).toEqual([
      200, 200, 200, 200, 503, 503, 503, 503, 503, 503,
    ]);
  });

  it("refuses a user's third export with 429 and the server's fifth with 503, each saying why", async () => {
    const app = createApp({
      ...engine.deps,
      exportLimits: { atOnce: 4, perUser: 2, stallMs: 120_000 },
    });
    const [u1, u2, u3] = exporters as [TestClient, TestClient, TestClient];
    for (const client of [u1, u1, u2]) expect((await holdExport(app, client)).status).toBe(200);
    const third = await request(app, u1, "/api/data/customer/export");
    expect(third.status).toBe(429);
    expect(third.headers.get("retry-after")).toMatch(/^\d+$/);
    const thirdBody = await third.json();
    expect(thirdBody.error).toMatchObject({ code: "too_many_exports", details: { max: 2 } });
    expect(thirdBody.error.message).toContain("already running 2 exports");

    expect((await holdExport(app, u2)).status).toBe(200);
    const fifth = await request(app, u3, "/api/data/customer/export");
    expect(fifth.status).toBe(503);
    expect(fifth.headers.get("retry-after")).toMatch(/^\d+$/);
    const fifthBody = await fifth.json();
    expect(fifthBody.error).toMatchObject({ code: "exports_busy", details: { max: 4 } });
    expect(fifthBody.error.message).toContain("already running 4 exports");

    // A download given up frees its slot: the next one runs, complete.
    await releaseHeld();
    let done: Response | undefined;
    await until(async () => {
      const res = await request(app, u3, "/api/data/customer/export?columns=name");
      if (res.status === 200) done = res;
      else await res.text();
      return res.status === 200;
    });
    const text = await readAll(done!);
    expect(text!.split("\r\n").length).toBe(rows + 2);
  });

  it("cuts off a client that reads nothing for the stall limit, and frees its slot and connection", async () => {
    const limits: Partial<ExportLimits> = { atOnce: 4, perUser: 1, stallMs: 1000 };
    const app = createApp({ ...engine.deps, exportLimits: limits });
    const client = exporters[0]!;
    const stalled = await request(app, client, "/api/data/customer/export?columns=name,remark");
    expect(stalled.status).toBe(200);
    expect((await request(app, client, "/api/data/customer/export")).status).toBe(429);
    await until(async () => {
      const res = await request(app, client, "/api/data/customer/export?columns=name");
      await res.text();
      return res.status === 200;
    });
    // The stalled download ends short of its rows.
    const text = await readAll(stalled);
    expect(text === undefined || text.split("\r\n").length < rows + 2).toBe(true);
    if (testDbKind === "postgres") {
      const idle = await sql<{
        n: number;
      }>`select count(*)::int as n from pg_catalog.pg_stat_activity
        where datname = current_database() and state = 'idle in transaction'
          and query like 'fetch%'`.execute(engine.deps.database.db);
      expect(idle.rows[0]!.n).toBe(0);
      // Behind the engine's own limit, PostgreSQL ends an export's idle transaction itself.
      const timeout = await sql<{ value: string }>`
        select current_setting('idle_in_transaction_session_timeout') as value`.execute(
        engine.deps.database.exportDb,
      );
      expect(timeout.rows[0]!.value).toBe("90s");
    }
  });

  it("cuts off an export that runs longer than its limit", async () => {
    const app = createApp({ ...engine.deps, exportLimits: { maxMs: 1 } });
    await new Promise((r) => setTimeout(r, 5));
    const res = await request(app, exporters[1]!, "/api/data/customer/export?columns=name");
    expect(res.status).toBe(200);
    const text = await readAll(res);
    expect(text === undefined || text.split("\r\n").length < rows + 2).toBe(true);
  });
});
