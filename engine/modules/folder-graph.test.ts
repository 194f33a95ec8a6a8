import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The engine's folders import each other in one direction: modules import the
 * core, never the other way, and no two folders reach each other in a loop
 * (ARCHITECTURE.md, "The folder graph"). Type-only imports count: a folder
 * that names another's types depends on it as much as one that calls it.
 */

const engineDir = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** The composition root: the top-level files of engine/ (app, boot, main, config, the deps and the module list). */
const root = "engine";

/** What every part of the engine builds on; it knows modules only through the contract in modules/. */
const coreFolders = [
  "project",
  "i18n",
  "db",
  "fields",
  "metadata",
  "search-index",
  "duplicate-keys",
  "http",
  "modules",
  "sync",
  "companies",
  "query",
  "records",
];

/** Parts that use the core and each other, and that the core never names. */
const moduleFolders = [
  "regions",
  "numbering",
  "org",
  "audit",
  "export",
  "access",
  "meta",
  "auth",
  "openapi",
  "prefs",
  "search",
  "admin",
  "duplicates",
  "jobs",
  "effects",
  "plugins",
  "crm",
  "sales",
  "demo",
  "sdk",
  "cli",
];

/** Entry points beside main.ts: they start the engine as the root does, and nothing imports them. */
const entryFolders = ["cli"];

interface Edge {
  from: string;
  to: string;
  /** One import that makes the edge: `records/record-service.ts -> query/record-json.ts`. */
  example: string;
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [path] : [];
  });
}

function folderOf(file: string): string {
  const parts = relative(engineDir, file).split(sep);
  return parts.length > 1 ? parts[0]! : root;
}

/** Every folder-to-folder edge of the engine, with the first import found for each. */
function folderEdges(): Edge[] {
  const edges = new Map<string, Edge>();
  for (const file of sourceFiles(engineDir).sort()) {
    const imports = ts.preProcessFile(readFileSync(file, "utf8"), true, true).importedFiles;
    for (const { fileName } of imports) {
      if (!fileName.startsWith(".")) continue;
      const target = resolve(dirname(file), fileName);
      if (relative(engineDir, target).startsWith("..")) continue;
      const from = folderOf(file);
      const to = folderOf(target);
      const key = `${from} -> ${to}`;
      if (from === to || edges.has(key)) continue;
      const example = `${relative(engineDir, file)} -> ${relative(engineDir, target)}`;
      edges.set(key, { from, to, example: example.split(sep).join("/") });
    }
  }
  return [...edges.values()];
}

/** The strongly connected components of more than one folder (Tarjan). */
function loops(edges: readonly Edge[]): string[][] {
  const next = new Map<string, string[]>();
  for (const { from, to } of edges) next.set(from, [...(next.get(from) ?? []), to]);
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (node: string) => {
    index.set(node, index.size);
    low.set(node, index.get(node)!);
    stack.push(node);
    for (const to of next.get(node) ?? []) {
      if (!index.has(to)) {
        visit(to);
        low.set(node, Math.min(low.get(node)!, low.get(to)!));
      } else if (stack.includes(to)) {
        low.set(node, Math.min(low.get(node)!, index.get(to)!));
      }
    }
    if (low.get(node) !== index.get(node)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop()!;
      component.push(member);
    } while (member !== node);
    if (component.length > 1) found.push(component.sort());
  };
  for (const node of [...next.keys()].sort()) if (!index.has(node)) visit(node);
  return found;
}

const describeEdge = (edge: Edge) => `${edge.from} -> ${edge.to} (${edge.example})`;

describe("the engine's folder graph", () => {
  const edges = folderEdges();
  const folders = new Set(edges.flatMap((edge) => [edge.from, edge.to]));

  it("places every folder in the core or among the modules", () => {
    const unplaced = [...folders].filter(
      (folder) =>
        folder !== root && !coreFolders.includes(folder) && !moduleFolders.includes(folder),
    );
    expect(unplaced, "add these folders to coreFolders or moduleFolders").toEqual([]);
  });

  it("lets no folder import the composition root, apart from entry points", () => {
    const intoRoot = edges.filter((edge) => edge.to === root && !entryFolders.includes(edge.from));
    expect(intoRoot.map(describeEdge), "pass what they need through their deps").toEqual([]);
    const intoEntries = edges.filter((edge) => entryFolders.includes(edge.to));
    expect(intoEntries.map(describeEdge), "entry points are imported by nothing").toEqual([]);
  });

  it("has no cycle between folders", () => {
    const cycles = loops(edges).map((members) => ({
      folders: members.join(", "),
      edges: edges
        .filter((edge) => members.includes(edge.from) && members.includes(edge.to))
        .map(describeEdge),
    }));
    expect(cycles, "folders that import each other in a loop, with one import per edge").toEqual(
      [],
    );
  });

  it("keeps the core free of modules", () => {
    const coreToModule = edges.filter(
      (edge) =>
        coreFolders.includes(edge.from) && !coreFolders.includes(edge.to) && edge.to !== root,
    );
    expect(
      coreToModule.map(describeEdge),
      "the core must not import modules: add an extension point",
    ).toEqual([]);
  });
});
