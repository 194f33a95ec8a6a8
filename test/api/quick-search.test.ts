import { beforeAll, describe, expect, it } from "vitest";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

/**
 * Quick search (`q` on a list, the global search): a term found inside any
 * search field of a customer (name, code, phone, short name), whatever its
 * case, by the engine's token index; Chinese names also by their pinyin,
 * full or initials. Names are chosen so that a near miss finds another set.
 */
let admin: TestClient;

const BJHD = "北京恒达科技";
const HZHY = "杭州恒远贸易";
const HENG = "恒 达分开的公司";
const ACME = "Acme Trading";
const P100 = "100% Natural";
const N1000 = "1000 Natural";
const SNAKE = "snake_case Ltd";
const SNAKX = "snakeXcase Ltd";
const SHAN = "单田芳工作室";

const rows: Record<string, unknown>[] = [
  { name: BJHD, shortName: "恒达", phone: "010-8765 4321" },
  { name: HZHY, phone: "0571-1234 5678" },
  { name: HENG },
  { name: ACME, shortName: "ACME", phone: "+86 21 5555 0002" },
  { name: P100 },
  { name: N1000 },
  { name: SNAKE },
  { name: SNAKX },
  { name: SHAN },
];
const ids = new Map<string, string>();

beforeAll(async () => {
  const engine = await testEngine();
  ({ admin } = await testCompany(engine));
  for (const row of rows) {
    const res = await admin.post("/api/data/customer", row);
    expect(res.status, res.text).toBe(201);
    ids.set(row.name as string, res.body.id);
  }
});

const found = async (q: string) => {
  const res = await admin.get(`/api/data/customer?limit=200&q=${encodeURIComponent(q)}`);
  expect(res.status, res.text).toBe(200);
  expect(res.body.total).toBe(res.body.items.length);
  return (res.body.items as { name: string }[]).map((c) => c.name).sort();
};

describe("q finds a term inside the search fields", () => {
  it("finds a two-character Chinese term, and one character alone", async () => {
    expect(await found("恒达")).toEqual([BJHD]);
    expect(await found("恒")).toEqual([BJHD, HENG, HZHY].sort());
    expect(await found("恒达科技")).toEqual([BJHD]);
    expect(await found("达科技贸")).toEqual([]);
  });

  it("finds a fragment of a phone number, spaces and dashes as typed", async () => {
    expect(await found("4321")).toEqual([BJHD]);
    expect(await found("8765 43")).toEqual([BJHD]);
    expect(await found("0571-12")).toEqual([HZHY]);
    expect(await found("4322")).toEqual([]);
  });

  it("finds the document number the server gave", async () => {
    const { code } = (await admin.get(`/api/data/customer/${ids.get(ACME)}`)).body;
    expect(await found(code)).toEqual([ACME]);
  });

  it("ignores case in Latin text", async () => {
    expect(await found("acme")).toEqual([ACME]);
    expect(await found("ME TRAD")).toEqual([ACME]);
    expect(await found("a")).toEqual(expect.arrayContaining([ACME, P100, N1000]));
  });

  it("takes % and _ literally", async () => {
    expect(await found("0%")).toEqual([P100]);
    expect(await found("%")).toEqual([P100]);
    expect(await found("e_c")).toEqual([SNAKE]);
    expect(await found("_")).toEqual([SNAKE]);
  });
});

describe("q finds Chinese text by its pinyin", () => {
  it("matches full pinyin, initials and parts of them, in any case", async () => {
    expect(await found("beijinghengda")).toEqual([BJHD]);
    expect(await found("bjhd")).toEqual([BJHD]);
    expect(await found("BJHD")).toEqual([BJHD]);
    // Spaces are not part of pinyin as typed: 恒 达 reads hengda too.
    expect(await found("hengda")).toEqual([BJHD, HENG].sort());
    expect(await found("hzhy")).toEqual([HZHY]);
    expect(await found("bjhy")).toEqual([]);
  });

  it("reads a polyphonic surname both ways the library knows", async () => {
    expect(await found("shantianfang")).toEqual([SHAN]);
    expect(await found("stfgzs")).toEqual([SHAN]);
  });

  it("follows a patched name: its new pinyin finds it, the old one no longer does", async () => {
    const id = ids.get(HZHY)!;
    const { version } = (await admin.get(`/api/data/customer/${id}`)).body;
    const res = await admin.patch(
      `/api/data/customer/${id}`,
      { name: "上海润泽医药" },
      { "if-match": String(version) },
    );
    expect(res.status, res.text).toBe(200);
    expect(await found("hzhy")).toEqual([]);
    expect(await found("恒远")).toEqual([]);
    expect(await found("shrzyy")).toEqual(["上海润泽医药"]);
    expect(await found("runze")).toEqual(["上海润泽医药"]);
    expect(await found("润泽")).toEqual(["上海润泽医药"]);
    // Fields the patch did not touch keep finding it.
    expect(await found("1234 5678")).toEqual(["上海润泽医药"]);
  });
});

describe("batch work", () => {
  it("keeps the search data of reassigned records and drops deleted ones", async () => {
    const me = (await admin.get("/api/auth/me")).body.user.id;
    const assign = await admin.post("/api/data/customer/batch", {
      action: "assign",
      ids: [ids.get(BJHD)],
      owner: me,
    });
    expect(assign.status, assign.text).toBe(200);
    expect(await found("bjhd")).toEqual([BJHD]);
    const del = await admin.post("/api/data/customer/batch", {
      action: "delete",
      ids: [ids.get(SNAKX)],
    });
    expect(del.body.done, del.text).toBe(1);
    expect(await found("case")).toEqual([SNAKE]);
  });
});

describe("global search", () => {
  it("finds by pinyin and by a Chinese term, grouped by entity", async () => {
    for (const q of ["bjhd", "恒达"]) {
      const res = await admin.get(`/api/search?q=${encodeURIComponent(q)}`);
      expect(res.status, res.text).toBe(200);
      const customers = res.body.groups.find((g: { entity: string }) => g.entity === "customer");
      expect(customers.total).toBe(1);
      expect(customers.items[0].title).toBe(BJHD);
    }
  });
});
