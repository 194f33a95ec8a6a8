const gc = (globalThis as { gc: () => void }).gc;
const h = (label: string) => {
  gc();
  const m = process.memoryUsage();
  console.log(
    label.padEnd(40),
    (m.heapUsed / 2 ** 20).toFixed(1),
    "heap MB",
    (m.external / 2 ** 20).toFixed(1),
    "ext",
    (m.rss / 2 ** 20).toFixed(0),
    "rss",
  );
};
h("start");
const { createApp } = await import("../engine/app.ts");
const { bootEngine } = await import("../engine/boot.ts");
const { prepareBenchCompany } = await import("./bench-company.ts");
h("engine modules imported");
const deps = await bootEngine({
  database: {
    kind: "postgres",
    url: process.env.DATABASE_URL!,
    ownerUrl: process.env.DATABASE_OWNER_URL!,
  },
});
h("booted (base metadata, pools)");
const app = createApp(deps);
h("createApp");
const cookie = await prepareBenchCompany(deps, "bench");
h("bench company session");
await deps.companies.get((await deps.companies.find("bench"))!);
h("bench context");
const path =
  "/api/data/customer?sort=-createdAt&limit=50&filter=" +
  encodeURIComponent(JSON.stringify({ field: "city", op: "eq", value: "杭州" }));
let r = await app.request(path, { headers: { cookie } });
console.log(r.status, (await r.text()).length);
h("first list");
for (let i = 0; i < 200; i++) await (await app.request(path, { headers: { cookie } })).text();
h("200 lists");
r = await app.request("/", {});
await r.text();
h("UI index");
for (const p of ["/api/meta", "/api/meta/validators.js"]) {
  const x = await app.request(p, { headers: { cookie } });
  console.log(p, x.status, (await x.text()).length);
}
h("meta + validators.js");
const v8 = await import("node:v8");
console.log(
  v8
    .getHeapSpaceStatistics()
    .map((s) => `${s.space_name} ${(s.space_used_size / 2 ** 20).toFixed(1)}`)
    .join("; "),
);
await deps.database.close();
