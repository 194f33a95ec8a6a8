import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { translatedLocales } from "../../metadata/locale.ts";
import { messageFiles } from "./message-files.ts";

const engineDir = path.resolve(import.meta.dirname, "..");
const pluginsDir = path.resolve(engineDir, "..", "plugins");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/**
 * Where texts are translated: the engine, each of whose folders has its
 * message files, and the plugins, each of which has them for its server code
 * (`plugins/<name>/texts`; its screens' texts are the UI's).
 */
const roots = [
  { dir: engineDir, files: () => sources(engineDir) },
  {
    dir: pluginsDir,
    files: () =>
      readdirSync(pluginsDir, { withFileTypes: true })
        .map((entry) => path.join(pluginsDir, entry.name, "server"))
        .filter((server) => existsSync(server))
        .flatMap(sources),
  },
];

interface TrCall {
  /** The root the call is under (engine/ or plugins/). */
  root: string;
  /** The top-level folder of its root the call is in, "" for the root's own files. */
  folder: string;
  where: string;
  template?: string;
}

/** Every `tr(…)` call of the engine and the plugins: its folder, its template, or why it has none a message file can translate. */
function trCalls(): TrCall[] {
  const calls: TrCall[] = [];
  for (const root of roots)
    for (const file of root.files()) calls.push(...trCallsIn(root.dir, file));
  return calls;
}

/** The `tr(…)` calls of one source file under `root`. */
function trCallsIn(root: string, file: string): TrCall[] {
  const calls: TrCall[] = [];
  const relative = path.relative(root, file);
  const folder = relative.includes(path.sep) ? relative.split(path.sep)[0]! : "";
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
  const visit = (node: ts.Node) => {
    if (
      ts.isCallExpression(node) &&
      ts.isIdentifier(node.expression) &&
      node.expression.text === "tr"
    ) {
      const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
      const first = node.arguments[0];
      calls.push({
        root,
        folder,
        where: `${path.relative(path.dirname(engineDir), file)}:${line + 1}`,
        template:
          first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
            ? first.text
            : undefined,
      });
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return calls;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const fileName = (root: string, folder: string, locale: string) =>
  path.join(path.basename(root), folder, "texts", `${locale}.json`);

describe("the engine's and the plugins' message files", () => {
  const calls = trCalls();
  const files = roots.flatMap(({ dir }) => messageFiles(dir).map((f) => ({ ...f, root: dir })));
  const fileOf = (root: string, folder: string, locale: string) =>
    files.find((f) => f.root === root && f.folder === folder && f.locale === locale);

  it("finds the engine's messages", () => {
    expect(calls.length).toBeGreaterThan(0);
    expect(files.length).toBeGreaterThan(0);
  });

  it("every tr() template is a string literal, so that it can be translated", () => {
    expect(calls.filter((c) => c.template === undefined).map((c) => c.where)).toEqual([]);
  });

  it("translates every template in its folder's file, for every locale, with the same placeholders", () => {
    const missing: string[] = [];
    const mismatched: string[] = [];
    for (const locale of translatedLocales)
      for (const { root, folder, where, template } of calls) {
        if (template === undefined) continue;
        const translation = fileOf(root, folder, locale)?.messages[template];
        const file = fileName(root, folder, locale);
        if (translation === undefined)
          missing.push(`${file} lacks ${JSON.stringify(template)} (used at ${where})`);
        else if (placeholders(translation).join() !== placeholders(template).join())
          mismatched.push(`${file}: ${JSON.stringify(template)} → ${JSON.stringify(translation)}`);
      }
    expect(missing).toEqual([]);
    expect(mismatched).toEqual([]);
  });

  it("keeps no translation that nothing in its folder uses", () => {
    const unused = files.flatMap(({ root, folder, file, messages }) => {
      const used = new Set(
        calls.filter((c) => c.root === root && c.folder === folder).map((c) => c.template),
      );
      return Object.keys(messages)
        .filter((template) => !used.has(template))
        .map(
          (template) =>
            `${path.relative(path.dirname(engineDir), file)}: ${JSON.stringify(template)}`,
        );
    });
    expect(unused).toEqual([]);
  });

  it("translates a template used in several folders the same way in each", () => {
    const seen = new Map<string, { file: string; translation: string }>();
    const differing: string[] = [];
    for (const { file, locale, messages } of files)
      for (const [template, translation] of Object.entries(messages)) {
        const key = `${locale}\u0000${template}`;
        const first = seen.get(key);
        if (!first) seen.set(key, { file, translation });
        else if (first.translation !== translation)
          differing.push(`${JSON.stringify(template)}: ${first.file} and ${file} differ`);
      }
    expect(differing).toEqual([]);
  });
});
