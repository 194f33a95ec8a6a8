/**
 * What compression buys and costs per answer: for the UI's entry script (as
 * the build leaves it in ui/dist), `GET /api/meta`, a 50-row customer list
 * page and the form validators, the bytes raw, gzipped and brotli-compressed
 * at several levels, and the CPU time of one compression at each level.
 * The answers come from a demo company on an in-memory embedded database.
 *
 *   npx tsx bench/compression-cost.ts     (BENCH_REPEAT compressions per figure, default 200)
 */
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { createApp } from "../engine/app.ts";
import { bootEngine } from "../engine/boot.ts";
import { demoLogin, seedDemo } from "../engine/demo/seed-demo.ts";
import { uiDist } from "../engine/http/serve-ui.ts";
import { recordDeps } from "../engine/module-services.ts";

const repeat = Number(process.env.BENCH_REPEAT ?? 200);

const deps = await bootEngine({ database: { kind: "pglite", dataDir: undefined } });
await seedDemo(deps, recordDeps(deps));
const app = createApp(deps);
const login = await app.request("/api/auth/login", {
  method: "POST",
  headers: { "content-type": "application/json" },
  body: JSON.stringify(demoLogin),
});
const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
const get = async (url: string) => {
  const res = await app.request(url, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${url}: ${res.status}`);
  return { body: Buffer.from(await res.arrayBuffer()), version: res.headers.get("x-meta-version") };
};

const meta = await get("/api/meta");
const assets = path.join(uiDist, "assets");
const script = readdirSync(assets).find((f) => f.startsWith("index-") && f.endsWith(".js"));
if (!script) throw new Error("no UI script in ui/dist/assets: run npm run build");
const payloads: [string, Buffer][] = [
  ["UI script", readFileSync(path.join(assets, script))],
  ["/api/meta", meta.body],
  ["list page (50 rows)", (await get("/api/data/customer?limit=50")).body],
  ["validators.js", (await get(`/api/meta/validators.js?v=${meta.version}`)).body],
];
await deps.database.close();

const codings: [string, (b: Buffer) => Buffer][] = [
  ["gzip 1", (b) => gzipSync(b, { level: 1 })],
  ["gzip 4", (b) => gzipSync(b, { level: 4 })],
  ["gzip 6", (b) => gzipSync(b, { level: 6 })],
  ["gzip 9", (b) => gzipSync(b, { level: 9 })],
  ...[1, 2, 3, 4, 5, 11].map((q): [string, (b: Buffer) => Buffer] => [
    `br ${q}`,
    (b) =>
      brotliCompressSync(b, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: q,
          [constants.BROTLI_PARAM_SIZE_HINT]: b.length,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
        },
      }),
  ]),
];

/** CPU microseconds (user + system) of one compression, averaged over `repeat` (at least 3 for quality 11). */
function cpuMicros(compress: (b: Buffer) => Buffer, body: Buffer): number {
  compress(body);
  const times = Math.max(3, body.length > 100_000 ? Math.ceil(repeat / 10) : repeat);
  const before = process.cpuUsage();
  for (let i = 0; i < times; i++) compress(body);
  const used = process.cpuUsage(before);
  return (used.user + used.system) / times;
}

const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
for (const [name, body] of payloads) {
  console.log(`\n${name}: ${kb(body.length)} raw`);
  for (const [coding, compress] of codings) {
    const size = compress(body).length;
    const ratio = ((100 * size) / body.length).toFixed(1);
    const micros = cpuMicros(compress, body).toFixed(0);
    console.log(
      `  ${coding.padEnd(7)} ${kb(size).padStart(9)} (${ratio.padStart(4)}%) ${micros.padStart(7)} µs`,
    );
  }
}
