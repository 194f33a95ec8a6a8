import { sql } from "kysely";
import { v7 as uuidv7 } from "uuid";
import { beforeAll, describe, expect, it } from "vitest";
import {
  fillBatch,
  readFillState,
  writeFillState,
} from "../../engine/duplicate-keys/duplicate-fill.ts";
import { duplicateSignature } from "../../engine/duplicate-keys/duplicate-keys.ts";
import { fillingDuplicates } from "../../engine/duplicate-keys/sync-duplicate-keys.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";
import type { TestClient } from "../support/test-client.ts";

/**
 * The duplicate keys of rows that existed before (issue 16, item 6): on a
 * table too big for the sync, a fill goes through the rows batch by batch,
 * recording its place in the column's comment, and a record written
 * meanwhile keeps the keys of what it now holds.
 */

let engine: TestEngine;
let admin: TestClient;
let slug: string;

const found = async (values: Record<string, string>) =>
  (
    (await admin.post("/api/data/customer/duplicates", { values })).body as {
      duplicates: { record: { name: string } }[];
    }
  ).duplicates
    .map((d) => d.record.name)
    .sort();

beforeAll(async () => {
  engine = await testEngine();
  ({ slug, admin } = await testCompany(engine, "dupfill"));
});

describe("filling the keys of existing rows", () => {
  it("goes batch by batch from its recorded place, and a record changed meanwhile keeps its own keys", async () => {
    const company = await engine.deps.companies.get((await engine.deps.companies.find(slug))!);
    const def = company.meta.entities.customer!;
    const db = engine.deps.database.db;
    const schema = company.schema;
    // Rows written around the record service, as an import by SQL would: no keys.
    const names = [
      "杭州润泽电子有限公司",
      "上海恒达贸易",
      "广州恒达物流",
      "深圳恒达电子",
      "北京恒达科技",
    ];
    const now = new Date();
    for (const name of names)
      await db
        .insertInto(`${schema}.customer`)
        .values({ id: uuidv7(), name, version: 1, createdAt: now, updatedAt: now })
        .execute();
    expect(await found({ name: "润泽电子" })).toEqual([]);
    // What the sync records for a table beyond its limit.
    await writeFillState(db, schema, "customer", duplicateSignature(def), null);
    expect(await fillingDuplicates(db, schema)).toEqual(["customer"]);

    const step = () => db.transaction().execute((tx) => fillBatch(tx, schema, def, 2));
    expect(await step()).toBe(true);
    const { after } = await readFillState(db, schema, "customer");
    expect(after).toMatch(/^[0-9a-f-]{36}$/);
    // Renamed between two batches: found by its new name only.
    const { rows } = await sql<{ id: string }>`select id from ${sql.id(schema, "customer")}
      where name = '深圳恒达电子'`.execute(db);
    const renamed = await admin.patch(
      `/api/data/customer/${rows[0]!.id}`,
      { name: "苏州明远电子" },
      { "if-match": '"1"' },
    );
    expect(renamed.status, renamed.text).toBe(200);
    while (await step());
    expect(await fillingDuplicates(db, schema)).toEqual([]);
    expect(await readFillState(db, schema, "customer")).toEqual({
      signature: duplicateSignature(def),
      after: undefined,
    });
    expect(await found({ name: "润泽电子" })).toEqual(["杭州润泽电子有限公司"]);
    expect(await found({ name: "明远电子" })).toEqual(["苏州明远电子"]);
    expect(await found({ name: "深圳恒达电子" })).toEqual([]);
    // A fill whose fields changed since stops: the sync started another.
    await writeFillState(db, schema, "customer", "name|0", null);
    expect(await step()).toBe(false);
  });
});
