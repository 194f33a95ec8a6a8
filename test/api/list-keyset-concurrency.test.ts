import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import type { TestClient } from "../support/test-client.ts";
import { testDbKind } from "../support/test-database.ts";
import { sameSession, testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * A client walks a list by `next` while others insert records in parallel,
 * some of them inside the part still ahead of it: keyset paging must give no
 * record twice and skip none of those that were there before the walk.
 * PostgreSQL only: the embedded database runs one statement at a time.
 */
const existing = 600;
const writers = 4;
let engine: TestEngine;
let admin: TestClient;
let before: Set<string>;

beforeAll(async () => {
  if (testDbKind !== "postgres") return;
  engine = await testEngine();
  const co = await testCompany(engine, "kconc");
  admin = co.admin;
  const me = (await admin.get("/api/auth/me")).body.user.id as string;
  await sql`insert into ${sql.table(`${schemaOf(co.slug)}.customer`)}
      ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name")
    select gen_random_uuid(), 1, ${me}, ${me}, ${me},
      timestamptz '2026-01-01' + i * interval '1 second', timestamptz '2026-01-01' + i * interval '1 second',
      'n' || lpad((i * 10)::text, 5, '0')
    from generate_series(1, ${existing}) as i`.execute(engine.deps.database.db);
  const all = await admin.get("/api/data/customer?limit=200&total=exact");
  expect(all.body.total).toBe(existing);
  before = new Set();
  for (let offset = 0; offset < existing; offset += 200) {
    const page = await admin.get(`/api/data/customer?limit=200&offset=${offset}&total=none`);
    for (const r of page.body.items as { id: string }[]) before.add(r.id);
  }
  expect(before.size).toBe(existing);
});

/** Inserts records until `done()`, named to land anywhere in the name order; answers how many. */
async function insertUntil(client: TestClient, seed: number, done: () => boolean) {
  let made = 0;
  for (let i = 0; !done(); i++) {
    const at = (seed * 7919 + i * 104_729) % (existing * 10);
    const res = await client.post("/api/data/customer", {
      name: `n${String(at).padStart(5, "0")}w${seed}`,
    });
    expect(res.status, res.text).toBe(201);
    made++;
  }
  return made;
}

/** Walks a list by `next`, `limit` rows a page, answering the ids in the order read. */
async function walk(client: TestClient, sort: string, limit: number) {
  const ids: string[] = [];
  let after = "";
  for (;;) {
    const query = new URLSearchParams({ sort, limit: String(limit), total: "none" });
    if (after) query.set("after", after);
    const res = await client.get(`/api/data/customer?${query}`);
    expect(res.status, res.text).toBe(200);
    ids.push(...res.body.items.map((r: { id: string }) => r.id));
    if (res.body.next === null) return ids;
    after = res.body.next as string;
  }
}

describe.skipIf(testDbKind !== "postgres")("keyset paging under concurrent inserts", () => {
  for (const sort of ["name", "-createdAt"]) {
    it(`walking by ${sort}: no record twice, none of those before skipped`, async () => {
      let walking = true;
      const inserted = Promise.all(
        Array.from({ length: writers }, (_, w) =>
          insertUntil(sameSession(engine, admin), w + 1, () => !walking),
        ),
      );
      const ids = await walk(sameSession(engine, admin), sort, 20).finally(() => {
        walking = false;
      });
      const made = (await inserted).reduce((a, b) => a + b, 0);
      // The walk took long enough for the writers to land records inside it.
      expect(made).toBeGreaterThan(writers);
      expect(ids.length).toBe(new Set(ids).size);
      const missed = [...before].filter((id) => !ids.includes(id));
      expect(missed).toEqual([]);
      // By name, records inserted ahead of the walker were met on the way.
      if (sort === "name") expect(ids.some((id) => !before.has(id))).toBe(true);
      for (const id of ids) before.add(id);
    });
  }
});
