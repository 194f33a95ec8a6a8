import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

let admin: TestClient;

beforeAll(async () => {
  ({ admin } = await testCompany(await testEngine(), "ed"));
});

const field = (key: string, body: Record<string, unknown>) =>
  admin.post("/api/admin/entities/customer/fields", { key, ...body });
const change = (key: string, body: Record<string, unknown>) =>
  admin.patch(`/api/admin/entities/customer/fields/${key}`, body);
const head = async () => (await admin.get("/api/admin/metadata")).body.head as number;

async function customers(key: string, values: unknown[]): Promise<string[]> {
  const ids: string[] = [];
  for (const [i, value] of values.entries()) {
    const res = await admin.post("/api/data/customer", { name: `${key} ${i}`, [key]: value });
    expect(res.status, res.text).toBe(201);
    ids.push(res.body.id);
  }
  return ids;
}
const read = async (id: string) => (await admin.get(`/api/data/customer/${id}`)).body;
const edit = async (id: string, values: Record<string, unknown>) =>
  admin.patch(`/api/data/customer/${id}`, values, { "if-match": `"${(await read(id)).version}"` });

describe("making a field required on existing records", () => {
  it("is refused with the count of records without a value", async () => {
    expect((await field("x_region", { type: "text" })).status).toBe(201);
    await customers("x_region", ["华东", null, "  ", "华南", null]);
    const at = await head();
    const refused = await change("x_region", { required: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "empty_values",
      details: { field: "x_region", count: 3 },
    });
    expect(refused.body.error.message).toMatch(/3 records of customer have no value in it/);
    expect(await head()).toBe(at);
  });

  it("fills them with fillWith, checked like a value, in the same change", async () => {
    await field("x_tier", { type: "enum", options: ["gold", "silver"] });
    const ids = await customers("x_tier", ["gold", null, null]);
    const at = await head();
    const bad = await change("x_tier", { required: true, fillWith: "bronze" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0]).toMatchObject({ field: "fillWith" });
    const alone = await change("x_tier", { fillWith: "gold" });
    expect(alone.status).toBe(400);
    expect(await head()).toBe(at);

    const filled = await change("x_tier", { required: true, fillWith: "silver" });
    expect(filled.status, filled.text).toBe(200);
    // The two above, and the five customers of the test before.
    expect(filled.body, filled.text).toMatchObject({ filled: 7, field: { required: true } });
    expect(filled.body.field.fillWith).toBeUndefined();
    expect((await read(ids[0]!)).x_tier).toBe("gold");
    expect((await read(ids[1]!)).x_tier).toBe("silver");
    expect((await admin.post("/api/data/customer", { name: "no tier" })).status).toBe(400);
    expect((await change("x_tier", { required: false })).status).toBe(200);
  });
});

describe("making a field unique on existing records", () => {
  it("is refused with how many values are shared, by how many records, and the commonest", async () => {
    await field("x_tax", { type: "text" });
    await customers("x_tax", ["A1", "A1", "A1", "B2", "B2", "C3", null, null]);
    const refused = await change("x_tax", { unique: true });
    expect(refused.status).toBe(409);
    expect(refused.body.error).toMatchObject({
      code: "existing_duplicates",
      details: {
        field: "x_tax",
        values: 2,
        records: 5,
        examples: [
          { value: "A1", records: 3 },
          { value: "B2", records: 2 },
        ],
      },
    });
    expect(refused.body.error.message).toMatch(
      /2 values are each held by more than one record of customer \(5 records in all\)/,
    );
  });
});

describe("removing options of an enum field", () => {
  it("removes an option no record holds, and retires one records hold, saying how many", async () => {
    await field("x_stage", { type: "enum", options: ["new", "won", "lost", "old"] });
    const ids = await customers("x_stage", ["old", "old", "won"]);
    const res = await change("x_stage", { options: ["new", "won", "lost"] });
    expect(res.status).toBe(200);
    expect(res.body.optionsInUse).toEqual([{ option: "old", records: 2 }]);
    expect(res.body.field).toMatchObject({
      options: ["new", "won", "lost", "old"],
      retiredOptions: ["old"],
    });
    const meta = await admin.get("/api/meta/entities/customer");
    expect(meta.body.fields.x_stage.retiredOptions).toEqual(["old"]);

    const created = await admin.post("/api/data/customer", { name: "n", x_stage: "old" });
    expect(created.status).toBe(400);
    expect(created.body.error.details.fields[0]).toMatchObject({
      field: "x_stage",
      rule: "retired",
    });
    // A record keeps the retired option it holds while other fields change…
    expect((await edit(ids[0]!, { x_stage: "old", name: "renamed" })).status).toBe(200);
    // …and may leave it, but not come back to it.
    expect((await edit(ids[2]!, { x_stage: "old" })).status).toBe(400);
    expect((await edit(ids[0]!, { x_stage: "new" })).status).toBe(200);

    const gone = await change("x_stage", { options: ["new", "won"] });
    expect(gone.body.optionsInUse).toEqual([{ option: "old", records: 1 }]);
    expect(gone.body.field).toMatchObject({
      options: ["new", "won", "old"],
      retiredOptions: ["old"],
    });
    await edit(ids[1]!, { x_stage: "won" });
    const last = await change("x_stage", { options: ["new", "won"] });
    expect(last.body.optionsInUse).toEqual([]);
    expect(last.body.field.options).toEqual(["new", "won"]);
    expect(last.body.field.retiredOptions).toBeUndefined();
  });

  it("refuses a rollback that would take away an option records hold, with the count", async () => {
    await field("x_size", { type: "enum", options: ["s", "m"] });
    const before = await head();
    await change("x_size", { options: ["s", "m", "l"] });
    await customers("x_size", ["l", "l", "s"]);
    const at = await head();
    const back = await admin.post("/api/admin/metadata/rollback", { version: before });
    expect(back.status).toBe(409);
    expect(back.body.error).toMatchObject({
      code: "options_in_use",
      details: { field: "x_size", options: ["l"], count: 2 },
    });
    expect(await head()).toBe(at);
  });

  it("counts a multiEnum option held among others, and an option asked for again is active again", async () => {
    await field("x_tags", { type: "multiEnum", options: ["vip", "new", "b2b"] });
    await customers("x_tags", [["vip", "b2b"], ["b2b"], ["new"]]);
    const res = await change("x_tags", { options: ["vip", "new"] });
    expect(res.body.optionsInUse).toEqual([{ option: "b2b", records: 2 }]);
    const created = await admin.post("/api/data/customer", { name: "t", x_tags: ["vip", "b2b"] });
    expect(created.status).toBe(400);
    const again = await change("x_tags", { options: ["vip", "new", "b2b"] });
    expect(again.body.field.retiredOptions).toBeUndefined();
    expect((await admin.post("/api/data/customer", { name: "t", x_tags: ["b2b"] })).status).toBe(
      201,
    );
  });
});

describe("keys and room of a new field", () => {
  it("refuses reserved keys by name, and says how many columns remain", async () => {
    const kept = await field("x_qty__v3", { type: "text" });
    expect(kept.status).toBe(400);
    expect(kept.body.error.details.fields[0]).toMatchObject({ field: "key", rule: "reserved" });
    expect(kept.body.error.message).toMatch(/keys holding __ name the columns/);
    const added = await field("x_room", { type: "text" });
    expect(added.status).toBe(201);
    expect(added.body.columnsLeft).toBeGreaterThan(1000);
    const next = await field("x_room2", { type: "text" });
    expect(next.body.columnsLeft).toBe(added.body.columnsLeft - 1);
  });
});
