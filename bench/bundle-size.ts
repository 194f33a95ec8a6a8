/**
 * What plugins cost the UI's first load: builds the UI twice as
 * scripts/build.js does (Vite), with the plugins folder as shipped and with
 * an empty one (UI_PLUGINS_DIR, read by ui/vite.config.ts), each into a
 * temporary folder (ui/dist is left alone), and prints the initial JavaScript
 * — the entry chunk and its static imports, transitively, which every
 * company loads — raw and gzipped, the ratio of the two, and each plugin's
 * own chunks, which only companies having it on load.
 *
 *   npm run bench:bundle
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");

/** An entry of Vite's manifest (`.vite/manifest.json`), keyed by source path relative to ui/. */
interface ManifestChunk {
  file: string;
  src?: string;
  isEntry?: boolean;
  imports?: string[];
}
type Manifest = Record<string, ManifestChunk>;

interface Size {
  raw: number;
  gzip: number;
}

function build(outDir: string, pluginsDir?: string): Manifest {
  const result = spawnSync(
    "npx",
    ["vite", "build", "-c", "ui/vite.config.ts", "--outDir", outDir, "--emptyOutDir"].concat([
      "--manifest",
      "--logLevel",
      "warn",
    ]),
    {
      cwd: root,
      stdio: ["ignore", "ignore", "inherit"],
      env: pluginsDir ? { ...process.env, UI_PLUGINS_DIR: pluginsDir } : process.env,
    },
  );
  if (result.status !== 0) throw new Error("the UI build failed");
  return JSON.parse(readFileSync(path.join(outDir, ".vite/manifest.json"), "utf8")) as Manifest;
}

/** The manifest keys of `from` and everything it imports statically. */
function staticClosure(manifest: Manifest, from: string[], into = new Set<string>()) {
  for (const key of from) {
    if (into.has(key)) continue;
    into.add(key);
    staticClosure(manifest, manifest[key]?.imports ?? [], into);
  }
  return into;
}

function sizeOf(outDir: string, manifest: Manifest, keys: Iterable<string>): Size {
  const total = { raw: 0, gzip: 0 };
  for (const key of keys) {
    const bytes = readFileSync(path.join(outDir, manifest[key]!.file));
    total.raw += bytes.length;
    total.gzip += gzipSync(bytes, { level: 9 }).length;
  }
  return total;
}

function measure(pluginsDir?: string) {
  const outDir = mkdtempSync(path.join(tmpdir(), "metacrm-bundle-"));
  try {
    const manifest = build(outDir, pluginsDir);
    // Plugins' chunks are entries too (ui/plugin-chunks.vite.ts): the page's is index.html.
    const initial = staticClosure(manifest, ["index.html"]);
    // A plugin's chunks: its files (screens, texts) and what they alone import.
    const plugins = new Map<string, Set<string>>();
    for (const key of Object.keys(manifest)) {
      const plugin = /^\.\.\/plugins\/([^/]+)\/ui\//.exec(key)?.[1];
      if (!plugin) continue;
      const own = plugins.get(plugin) ?? new Set<string>();
      for (const k of staticClosure(manifest, [key])) if (!initial.has(k)) own.add(k);
      plugins.set(plugin, own);
    }
    return {
      initial: sizeOf(outDir, manifest, initial),
      plugins: [...plugins].map(([name, keys]) => ({
        name,
        files: keys.size,
        ...sizeOf(outDir, manifest, keys),
      })),
    };
  } finally {
    rmSync(outDir, { recursive: true, force: true });
  }
}

const empty = mkdtempSync(path.join(tmpdir(), "metacrm-no-plugins-"));
const none = measure(empty);
rmSync(empty, { recursive: true, force: true });
const shipped = measure();

const kb = (n: number) => `${(n / 1024).toFixed(2)} KB`.padStart(11);
const row = (label: string, s: Size) =>
  console.log(`${label.padEnd(44)} ${kb(s.raw)} ${kb(s.gzip)}`);
console.log(`${"".padEnd(44)} ${"raw".padStart(11)} ${"gzip".padStart(11)}`);
row("initial JS, no plugins at all", none.initial);
row("initial JS, plugins folder as shipped", shipped.initial);
for (const p of shipped.plugins) row(`  plugin ${p.name} (${p.files} chunks, loaded when on)`, p);
console.log(
  `ratio shipped / none: ${(shipped.initial.raw / none.initial.raw).toFixed(4)} raw, ` +
    `${(shipped.initial.gzip / none.initial.gzip).toFixed(4)} gzip ` +
    `(+${shipped.initial.raw - none.initial.raw} B raw, +${shipped.initial.gzip - none.initial.gzip} B gzip)`,
);
