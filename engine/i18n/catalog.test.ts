import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { translatedLocales } from "../../metadata/locale.ts";
import { messageFiles } from "./message-files.ts";

const projectDir = path.resolve(import.meta.dirname, "../..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

interface TrCall {
  /** The top-level folder (of engine/, or the plugin) the call is in, "" for the root's own files. */
  folder: string;
  where: string;
  template?: string;
}

/** Every `tr(…)` call under `dir`: its folder, its template, or why it has none a message file can translate. */
function trCalls(dir: string): TrCall[] {
  const calls: TrCall[] = [];
  for (const file of sources(dir)) {
    const relative = path.relative(dir, file);
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
          folder,
          where: `${relative}:${line + 1}`,
          template:
            first && (ts.isStringLiteral(first) || ts.isNoSubstitutionTemplateLiteral(first))
              ? first.text
              : undefined,
        });
      }
      ts.forEachChild(node, visit);
    };
    visit(source);
  }
  return calls;
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
// The engine's folders, and each plugin (a folder of plugins/), keep their own translations.
describe.each(["engine", "plugins"])("the message files of %s/", (root) => {
  const rootDir = path.join(projectDir, root);
  const fileName = (folder: string, locale: string) =>
    path.join(root, folder, "texts", `${locale}.json`);
  const calls = trCalls(rootDir);
  const files = messageFiles(rootDir);
  const fileOf = (folder: string, locale: string) =>
    files.find((f) => f.folder === folder && f.locale === locale);

  it("finds the messages", () => {
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
      for (const { folder, where, template } of calls) {
        if (template === undefined) continue;
        const translation = fileOf(folder, locale)?.messages[template];
        const file = fileName(folder, locale);
        if (translation === undefined)
          missing.push(`${file} lacks ${JSON.stringify(template)} (used at ${root}/${where})`);
        else if (placeholders(translation).join() !== placeholders(template).join())
          mismatched.push(`${file}: ${JSON.stringify(template)} → ${JSON.stringify(translation)}`);
      }
    expect(missing).toEqual([]);
    expect(mismatched).toEqual([]);
  });

  it("keeps no translation that nothing in its folder uses", () => {
    const unused = files.flatMap(({ folder, file, messages }) => {
      const used = new Set(calls.filter((c) => c.folder === folder).map((c) => c.template));
      return Object.keys(messages)
        .filter((template) => !used.has(template))
        .map((template) => `${path.relative(projectDir, file)}: ${JSON.stringify(template)}`);
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
