import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

const engineDir = path.resolve(import.meta.dirname, "..");
const catalog = JSON.parse(
  readFileSync(path.join(import.meta.dirname, "zh-CN.json"), "utf8"),
) as Record<string, string>;

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/** Every `tr(…)` call of the engine: its template, or why it has none the catalog can check. */
function trCalls(): { where: string; template?: string }[] {
  const calls: { where: string; template?: string }[] = [];
  for (const file of sources(engineDir)) {
    const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest);
    const visit = (node: ts.Node) => {
      if (
        ts.isCallExpression(node) &&
        ts.isIdentifier(node.expression) &&
        node.expression.text === "tr"
      ) {
        const { line } = source.getLineAndCharacterOfPosition(node.getStart(source));
        const where = `${path.relative(engineDir, file)}:${line + 1}`;
        const first = node.arguments[0];
        calls.push({
          where,
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

describe("the zh-CN message catalog", () => {
  const calls = trCalls();

  it("finds the engine's messages", () => {
    expect(calls.length).toBeGreaterThan(0);
  });

  it("every tr() template is a string literal, so that it can be translated", () => {
    expect(calls.filter((c) => c.template === undefined).map((c) => c.where)).toEqual([]);
  });

  it("translates every template, with the same placeholders", () => {
    const missing: string[] = [];
    const mismatched: string[] = [];
    for (const { where, template } of calls) {
      if (template === undefined) continue;
      const zh = catalog[template];
      if (zh === undefined) missing.push(`${where}: ${template}`);
      else if (placeholders(zh).join() !== placeholders(template).join())
        mismatched.push(`${where}: ${template} → ${zh}`);
    }
    expect(missing).toEqual([]);
    expect(mismatched).toEqual([]);
  });

  it("keeps no translation that nothing uses", () => {
    const used = new Set(calls.map((c) => c.template));
    expect(Object.keys(catalog).filter((k) => !used.has(k))).toEqual([]);
  });
});
