import { beforeAll, describe, expect, it } from "vitest";
import { contentHash } from "../support/content-hash.ts";
import { TestClient, type TestResponse } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Company A's session aims generated requests at company B's records: by id, under the wrong
 * entity, by filter, by reference, through batch/export/print paths, metadata, OpenAPI and a
 * tampered cookie. Each request has the only statuses it may get (never 403, never 5xx); no answer
 * may carry a B string it was not sent; a list may hold A's records only; and every request naming
 * B is replayed with never-existing "ghost" ids, names, key and slug instead: both answers must be
 * identical once the ghosts are mapped back, so B's records cannot even be detected. B's schema
 * must hash the same afterwards.
 */
type Entity = "customer" | "contact" | "activity" | "product";
type Ids = Record<Entity, string[]>;
/** A request; `ok` its only allowed statuses, `list` the entity it lists, `field` [field, rule] a 400 names. */
type Probe = { cat: string; method: string; path: string; query?: Record<string, string> } & {
  body?: unknown;
  headers?: Record<string, string>;
} & { ok: number[]; list?: Entity; field?: string[] };

const entities: Entity[] = ["customer", "contact", "activity", "product"];
const titleOf = (e: Entity) => (e === "activity" ? "subject" : "name");
const startAt = "2026-12-01T01:00:00Z";
const target = 2100;

/** mulberry32: the same requests on every run. */
let seed = 20261127;
function rng(): number {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)]!;
const hex = (n: number) => Array.from({ length: n }, () => pick([..."0123456789abcdef"])).join("");
const ghostId = () => `${hex(8)}-${hex(4)}-7${hex(3)}-8${hex(3)}-${hex(12)}`;

let engine: TestEngine, a: TestClient, b: TestClient;
let slugA: string, slugB: string, bAdminId: string, aUserId: string;
const [aIds, bIds] = [{}, {}] as [Ids, Ids];
const markers: string[] = [];
let bStrings: string[];
let toGhost: (s: string) => string, fromGhost: (s: string) => string;
let hashBefore: Record<string, string>, bListsBefore: string[];
/** sys_session stays (a tampered cookie must neither add nor end B's sessions), but
 * last_seen_at is the sliding expiry that B's own requests move: the only legitimate change. */
const strip = { sys_session: ["last_seen_at"] };
const hashB = () => contentHash(engine.deps.database.db, `co_${slugB}`, strip);

async function create(client: TestClient, entity: Entity, body: Record<string, unknown>) {
  const res = await client.post(`/api/data/${entity}`, body);
  expect(res.status, res.text).toBe(201);
  (client === a ? aIds : bIds)[entity].push(res.body.id);
  return res.body.id as string;
}

function swapper(map: Map<string, string>) {
  const keys = [...map.keys()].sort((x, y) => y.length - x.length);
  const re = new RegExp(keys.map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join("|"), "g");
  return (s: string) => s.replace(re, (m) => map.get(m)!);
}

const bLists = () =>
  Promise.all(entities.map(async (e) => (await b.get(`/api/data/${e}?limit=200`)).text));

beforeAll(async () => {
  engine = await testEngine();
  ({ admin: b, slug: slugB } = await testCompany(engine, "isob"));
  ({ admin: a, slug: slugA } = await testCompany(engine, "isoa"));
  bAdminId = (await b.get("/api/auth/me")).body.user.id;
  aUserId = (await a.get("/api/auth/me")).body.user.id;
  const field = { key: "x_secret_b", type: "text" };
  expect((await b.post("/api/admin/entities/customer/fields", field)).status).toBe(201);
  const tag = hex(6);
  const m = (kind: string, i: number) => markers[markers.push(`B-SECRET-${kind}${i}-${tag}`) - 1]!;
  for (const e of entities) [aIds[e], bIds[e]] = [[], []];
  for (let i = 1; i <= 3; i++) {
    const secret = { name: m("customer", i), city: m("city", i), x_secret_b: m("x", i) };
    const customer = await create(b, "customer", secret);
    const contact = await create(b, "contact", { customer, name: m("contact", i) });
    await create(b, "activity", { subject: m("activity", i), customer, contact, startAt });
    await create(b, "product", { code: m("code", i), name: m("product", i) });
    const own = await create(a, "customer", { name: `A-own-customer${i}` });
    const mine = await create(a, "contact", { customer: own, name: `A-own-contact${i}` });
    if (i === 3) continue;
    await create(a, "activity", { subject: `A-act${i}`, customer: own, contact: mine, startAt });
    await create(a, "product", { code: `A-${i}`, name: `A-own-product${i}` });
  }
  bStrings = [...markers, ...Object.values(bIds).flat(), bAdminId, "x_secret_b", slugB];
  const ghosts = new Map<string, string>();
  for (const s of bStrings) {
    const ghost = s === slugB ? `ghost${hex(8)}` : s === "x_secret_b" ? "x_ghost_q" : undefined;
    ghosts.set(s, ghost ?? (s.startsWith("B-SECRET") ? `G-GHOST-${hex(10)}` : ghostId()));
  }
  toGhost = swapper(ghosts);
  fromGhost = swapper(new Map([...ghosts].map(([k, v]) => [v, k])));
  bListsBefore = await bLists();
  hashBefore = await hashB();
});

const filter = (tree: unknown) => ({ filter: JSON.stringify(tree) });
type Draft = Omit<Probe, "cat">;
const req = (method: string, path: string, ok: number[], more: Partial<Draft> = {}): Draft =>
  Object.assign({ method, path, ok }, more);
const list = (e: Entity, query: Record<string, string>, ok = [200]) =>
  req("GET", `/api/data/${e}`, ok, { query: { limit: "200", ...query }, list: e });
const change = (e: Entity) => ({ [titleOf(e)]: "A-hijack" });
const ifMatch = () => ({ "if-match": pick(['"1"', 'W/"1"', "1"]) });
const allB = () => entities.flatMap((e) => bIds[e]);
/** The reference fields between entities, with B's ids they could point at. */
const refs = () =>
  pick<[Entity, string, string[]]>([
    ["contact", "customer", bIds.customer],
    ["activity", "customer", bIds.customer],
    ["activity", "contact", bIds.contact],
  ]);

/** One generator per category; each call draws its entity, target and variant from the PRNG. */
const generators: Record<string, (e: Entity, id: string) => Draft> = {
  "id-get": (e, id) => req("GET", `/api/data/${e}/${id}`, [404]),
  "id-patch": (e, id) =>
    req("PATCH", `/api/data/${e}/${id}`, [404], { body: change(e), headers: ifMatch() }),
  "id-delete": (e, id) =>
    req("DELETE", `/api/data/${e}/${id}`, [404], { headers: pick([{}, ifMatch()]) }),
  "wrong-entity": (e) => {
    const id = pick([...entities.filter((x) => x !== e).flatMap((x) => bIds[x]), bAdminId]);
    const method = pick(["GET", "PATCH", "DELETE"]);
    const write = method === "PATCH" ? { body: change(e), headers: ifMatch() } : {};
    return req(method, `/api/data/${e}/${id}`, [404], write);
  },
  "filter-id": (e, id) => {
    const [eq, mine] = [(value: string) => ({ field: "id", op: "eq", value }), pick(aIds[e])];
    return list(e, filter(pick([eq(id), { or: [eq(id), eq(mine)] }, { not: eq(mine) }])));
  },
  "filter-ids": (e, id) => {
    const op = pick(["in", "nin"]);
    const value = pick([allB(), bIds[e], [id, pick(aIds[e])]]);
    return list(e, filter(pick([{ field: "id", op, value }, { not: { field: "id", op, value } }])));
  },
  "filter-ref": () => {
    const [e, field, pool] = refs();
    const op = pick(["eq", "in", "ne", "nin"]);
    return list(e, filter({ field, op, value: op.endsWith("n") ? pool : pick(pool) }));
  },
  "filter-user": (e) => {
    const [field, op] = [pick(["owner", "createdBy", "updatedBy"]), pick(["eq", "in", "ne"])];
    return list(e, filter({ field, op, value: op === "in" ? [bAdminId] : bAdminId }));
  },
  text: (e) => {
    const [marker, op, field] = [pick(markers), pick(["eq", "contains", "startsWith"]), titleOf(e)];
    const named = { field, op, value: op === "eq" ? marker : "B-SECRET" };
    const or = { or: [named, { field: "id", op: "in", value: allB() }] };
    return list(e, pick([{ q: marker }, { q: "B-SECRET" }, filter(named), filter(or)]));
  },
  "custom-field": (e) => {
    const value = pick(markers);
    const sort = pick(["x_secret_b", "-x_secret_b,name"]);
    const tree = { field: "x_secret_b", op: pick(["eq", "contains"]), value };
    const write = { body: { ...change(e), x_secret_b: value }, field: ["x_secret_b", "unknown"] };
    return pick([
      list(e, { sort }, [400]),
      list(e, filter(tree), [400]),
      req("POST", `/api/data/${e}`, [400], write),
      req("PATCH", `/api/data/${e}/${pick(aIds[e])}`, [400], { ...write, headers: ifMatch() }),
    ]);
  },
  "ref-create": () => {
    const customer = pick([...bIds.customer, ...bIds.contact]);
    const [act, contact] = [{ subject: "A-new", startAt }, pick(bIds.contact)];
    const [e, body, field] = pick<[Entity, object, string]>([
      ["contact", { customer, name: "A-new" }, "customer"],
      ["activity", { ...act, customer }, "customer"],
      ["activity", { ...act, customer: aIds.customer[0], contact }, "contact"],
    ]);
    return req("POST", `/api/data/${e}`, [400], { body, field: [field, "reference"] });
  },
  "ref-patch": () => {
    const [e, field, pool] = refs();
    const more = { body: { [field]: pick(pool) }, headers: ifMatch(), field: [field, "reference"] };
    return req("PATCH", `/api/data/${e}/${pick(aIds[e])}`, [400], more);
  },
  routes: (e, id) => {
    const ids = encodeURIComponent(JSON.stringify({ field: "id", op: "in", value: bIds[e] }));
    // Batch and export exist: they answer, refusing B's records one by one as missing
    // (batch) or exporting none of them (export), exactly as for ids that never existed.
    const answered = pick<[string, string, unknown?]>([
      ["POST", `/api/data/${e}/batch`, { action: "delete", ids: bIds[e] }],
      ["POST", `/api/data/${e}/batch`, { action: "assign", ids: [id], owner: aUserId }],
      [
        "POST",
        `/api/data/${e}/batch`,
        { action: "share", ids: [id], user: aUserId, access: "edit" },
      ],
      ["GET", `/api/data/${e}/export?filter=${ids}`],
    ]);
    if (rng() < 0.5) return req(answered[0], answered[1], [200], { body: answered[2] });
    const [method, path, body] = pick<[string, string, unknown?]>([
      ["POST", `/api/data/${e}/batch`, { ids: bIds[e] }],
      ["POST", `/api/data/${e}/batch`, { operations: [{ method: "DELETE", id }] }],
      ["POST", `/api/data/${e}/export`, { ids: [id] }],
      ["GET", `/api/data/${e}/${id}/print`],
      ["GET", `/api/data/${e}/${id}/history`],
      ["POST", `/api/data/${e}/import`, [{ id, ...change(e) }]],
      ["GET", `/api/print/${e}/${id}`],
      ["POST", "/api/batch", { requests: [{ method: "GET", path: `/api/data/${e}/${id}` }] }],
      ["GET", `/api/export/${e}?ids=${id}`],
    ]);
    return req(method, path, [400, 404], { body });
  },
  meta: (e) => {
    const [method, path, ok, body] = pick<[string, string, number, unknown?]>([
      ["GET", "/api/meta", 200],
      ["GET", `/api/meta/entities/${e}`, 200],
      ["GET", "/api/openapi.json", 200],
      ["GET", "/api/admin/metadata", 200],
      ["GET", "/api/auth/me", 200],
      ["GET", "/api/admin/metadata/versions/1", 404],
      ["PATCH", "/api/admin/entities/customer/fields/x_secret_b", 404, { hidden: true }],
    ]);
    return req(method, path, [ok], { body });
  },
  cookie: (e, id) => {
    const token = a.cookie!.slice(`sid=${slugA}.`.length);
    const forged = `${slugB}.${"a".repeat(24)}.${"a".repeat(32)}`;
    const value = pick([`${slugB}.${token}`, `co_${slugB}.${token}`, forged]);
    const cookie = `${pick(["sid", "__Host-sid"])}=${value}`;
    const path = pick([`/api/data/${e}/${id}`, `/api/data/${e}`, "/api/meta", "/api/auth/me"]);
    return req(pick(["GET", "DELETE"]), path, [401], { headers: { cookie, "if-match": '"1"' } });
  },
  "schema-path": (e, id) => {
    const name = pick([`co_${slugB}.${e}`, `co_${slugB}`, slugB, "sys_user", `${e}%2F${id}`]);
    return req("GET", `/api/data/${name}${pick(["", `/${pick([id, bAdminId])}`])}`, [400, 404]);
  },
};

function url(p: Probe) {
  const q = Object.entries(p.query ?? {}).map(([k, v]) => `${k}=${encodeURIComponent(v)}`);
  return p.path + (q.length > 0 ? `?${q.join("&")}` : "");
}

/** From A's session, or with no session but the probe's own (tampered) cookie. */
const send = (p: Probe) =>
  (p.headers?.cookie ? new TestClient(engine.app) : a).send(p.method, url(p), p.body, p.headers);

/** What is wrong with an answer, if anything. */
function judge(p: Probe, res: TestResponse): string[] {
  const out: string[] = [];
  if (!p.ok.includes(res.status)) out.push(`status ${res.status}, expected ${p.ok.join("/")}`);
  const sent = JSON.stringify(p);
  const seen = bStrings.filter((s) => res.text.includes(s) && !sent.includes(s));
  if (seen.length > 0) out.push(`reveals ${seen.join(", ")}`);
  if (p.list && res.status === 200) {
    const mine = aIds[p.list];
    const foreign = (res.body?.items ?? []).filter((r: { id: string }) => !mine.includes(r.id));
    if (foreign.length > 0) out.push(`lists ${foreign.length} records that are not A's`);
    if (!(res.body?.total <= mine.length)) out.push(`total ${res.body?.total} > ${mine.length}`);
  }
  const [field, rule] = p.field ?? [];
  const problems: { field: string; rule: string }[] = res.body?.error?.details?.fields ?? [];
  const named = problems.some((f) => f.field === field && f.rule === rule);
  if (field && res.status === 400 && !named) out.push(`does not name ${field} (${rule})`);
  return out;
}

describe("company A can never read, change, reference or detect company B's records", () => {
  const counts: Record<string, number> = {};
  const leaks: string[] = [];
  let controls = 0;

  it(`answers ${target}+ generated requests aimed at B with 0 leaks`, async () => {
    const started = performance.now();
    const record = (p: Probe, res: TestResponse, why: string[]) => {
      counts[p.cat] = (counts[p.cat] ?? 0) + 1;
      const line = `${p.method} ${decodeURIComponent(url(p))} ${p.body === undefined ? "" : JSON.stringify(p.body)}`;
      const answer = `${res.status}: ${why.join("; ")}: ${res.text.slice(0, 300)}`;
      if (why.length > 0) leaks.push(`${p.cat}: ${line} → ${answer}`);
    };
    // A unique field is unique per company: B's product codes are free in A.
    for (const code of markers.filter((s) => s.startsWith("B-SECRET-code"))) {
      const body = { code, name: "A-uniq" };
      const p = { cat: "unique", ...req("POST", "/api/data/product", [201], { body }) };
      const res = await send(p);
      record(p, res, judge(p, res));
      const del = { cat: "unique", ...req("DELETE", `/api/data/product/${res.body?.id}`, [204]) };
      const gone = await send(del);
      record(del, gone, judge(del, gone));
    }
    const cats = Object.keys(generators);
    for (let i = 0; i < target; i++) {
      const [cat, e] = [cats[i % cats.length]!, pick(entities)];
      const p: Probe = { cat, ...generators[cat]!(e, pick(bIds[e])) };
      const res = await send(p);
      const why = judge(p, res);
      const ghost = JSON.parse(toGhost(JSON.stringify(p))) as Probe;
      if (JSON.stringify(ghost) !== JSON.stringify(p)) {
        controls++;
        const twin = await send(ghost);
        const same = twin.status === res.status && fromGhost(twin.text) === res.text;
        if (!same)
          why.push(`unlike a never-existing target: ${twin.status} ${twin.text.slice(0, 200)}`);
      }
      record(p, res, why);
    }
    const total = Object.values(counts).reduce((x, y) => x + y, 0);
    const seconds = ((performance.now() - started) / 1000).toFixed(1);
    const per = Object.entries(counts).map((kv) => kv.join(" "));
    const at = `${total} requests at B (+${controls} ghost controls) in ${seconds} s`;
    console.log(`isolation fuzz: ${at}, ${leaks.length} leaks; ${per.join(", ")}`);
    expect(leaks).toEqual([]);
    expect(total).toBeGreaterThanOrEqual(2000);
  }, 180_000);

  it("leaves every table of B's schema unchanged (content hash)", async () => {
    expect(await hashB()).toEqual(hashBefore);
  });

  it("still serves A its own records, and B's admin all of B's records as they were", async () => {
    for (const e of entities) {
      const mine = await a.get(`/api/data/${e}?limit=200`);
      expect(mine.body.items.map((r: { id: string }) => r.id).sort()).toEqual([...aIds[e]].sort());
      for (const id of aIds[e]) expect((await a.get(`/api/data/${e}/${id}`)).status).toBe(200);
      for (const id of bIds[e]) expect((await b.get(`/api/data/${e}/${id}`)).status).toBe(200);
    }
    expect(await bLists()).toEqual(bListsBefore);
    const secret = await b.get(`/api/data/customer/${bIds.customer[0]}`);
    expect(secret.body.x_secret_b).toBe(markers.find((s) => s.startsWith("B-SECRET-x1")));
    expect(await hashB()).toEqual(hashBefore);
  });
});
