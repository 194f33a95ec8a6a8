/**
 * The production bundle's initial JavaScript: the entry script of
 * ui/dist/index.html and every chunk it imports statically (transitively),
 * raw and gzipped, against the 200 KB (gzipped) target. Chunks loaded with
 * import() (the validators, lazily loaded screens) are listed apart.
 *
 *   npx tsx bench/ui-bundle.ts            builds ui/dist first
 *   npx tsx bench/ui-bundle.ts --no-build reads the ui/dist there is
 */
import { spawnSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const dist = path.join(root, "ui/dist");
const targetKb = 200;

if (!process.argv.includes("--no-build")) {
  const build = spawnSync(
    "npx",
    ["vite", "build", "-c", "ui/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: root,
      stdio: "inherit",
    },
  );
  if (build.status !== 0) throw new Error("the UI build failed");
}

const html = readFileSync(path.join(dist, "index.html"), "utf8");
const entry = /<script[^>]+type="module"[^>]+src="([^"]+)"/.exec(html)?.[1];
if (!entry) throw new Error("no module script in ui/dist/index.html");

/** `import … from "./x.js"` and `import "./x.js"`, not `import("./x.js")`. */
const staticImport = /(?:^|[;}\s])import\s*(?:[\w$*{}\s,]+?\s*from\s*)?["']([^"']+\.js)["']/g;

const initial = new Set<string>();
const visit = (file: string) => {
  if (initial.has(file)) return;
  initial.add(file);
  const code = readFileSync(file, "utf8");
  for (const [, spec] of code.matchAll(staticImport))
    visit(path.resolve(path.dirname(file), spec!));
};
visit(path.join(dist, entry.replace(/^\//, "")));

const sizes = (file: string) => {
  const bytes = readFileSync(file);
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
};
const kb = (n: number) => `${(n / 1024).toFixed(1)} KB`;
let raw = 0;
let gzip = 0;
console.log("initial JavaScript (entry and its static imports):");
for (const file of initial) {
  const s = sizes(file);
  raw += s.raw;
  gzip += s.gzip;
  console.log(
    `  ${path.relative(dist, file).padEnd(40)} ${kb(s.raw).padStart(10)} ${kb(s.gzip).padStart(10)} gz`,
  );
}
console.log(`  ${"total".padEnd(40)} ${kb(raw).padStart(10)} ${kb(gzip).padStart(10)} gz`);
const lazy = readdirSync(path.join(dist, "assets"))
  .filter((f) => f.endsWith(".js"))
  .map((f) => path.join(dist, "assets", f))
  .filter((f) => !initial.has(f));
for (const file of lazy)
  console.log(`  lazy: ${path.relative(dist, file)} ${kb(sizes(file).gzip)} gz`);
console.log(
  `initial JS gzipped: ${kb(gzip)} of ${targetKb} KB target — ${gzip <= targetKb * 1024 ? "within" : "OVER"}`,
);
