import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { fieldTypes } from "./registry.ts";

/**
 * What a field type is and does is declared by its file in engine/fields/
 * (and, for the browser, in the UI's type registry): code elsewhere asks the
 * type (`sortable`, `refersToRecords`, `toCell`…) instead of testing its name.
 * This scan finds a registered type name tested anywhere else: compared with
 * something's `type`, a `case` of a switch on a `type`, an element of a set or
 * list that is asked about a `type`, or a key of an object indexed by one.
 * Type names used as words of their own (a cell's `kind: "date"`, an input's
 * `type="email"`, a field definition `{ type: "datetime" }`) are not tests.
 */

const repoDir = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/** Where type names belong: the types themselves and the UI's registry of them. */
const homes = ["engine/fields/", "ui/src/fields/type-registry.ts"];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) && !/\.test\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

/** Whether `node` reads a field type: `type`, `x.type`, `x?.type`, `x.type!`, `x.type ?? ""`. */
function readsType(node: ts.Expression): boolean {
  let n: ts.Expression = node;
  for (;;) {
    if (ts.isParenthesizedExpression(n) || ts.isNonNullExpression(n) || ts.isAsExpression(n))
      n = n.expression;
    else if (
      ts.isBinaryExpression(n) &&
      n.operatorToken.kind === ts.SyntaxKind.QuestionQuestionToken
    )
      n = n.left;
    else break;
  }
  if (ts.isIdentifier(n)) return n.text === "type";
  return ts.isPropertyAccessExpression(n) && n.name.text === "type";
}

const equalities = new Set([
  ts.SyntaxKind.EqualsEqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsEqualsToken,
  ts.SyntaxKind.EqualsEqualsToken,
  ts.SyntaxKind.ExclamationEqualsToken,
]);

const literalText = (n: ts.Node) =>
  ts.isStringLiteral(n) || ts.isNoSubstitutionTemplateLiteral(n) ? n.text : undefined;

/** The string literals of a `new Set([...])` or `[...]` initializer. */
function collectionLiterals(init: ts.Expression): ts.Node[] {
  let items: ts.Expression | undefined = init;
  if (ts.isNewExpression(init) && init.arguments?.length === 1) items = init.arguments[0];
  return items && ts.isArrayLiteralExpression(items)
    ? items.elements.filter((e) => literalText(e) !== undefined)
    : [];
}

const quoted = (name: string) => new RegExp(`["'\`]${name}["'\`]|\\b${name}\\s*:`);

/** The lines of `source` that test a field type by one of `names`. */
function typeNameTests(source: string, fileName: string, names: ReadonlySet<string>): number[] {
  // Parsing is the slow part: a file that quotes no type name cannot test one.
  if (![...names].some((name) => quoted(name).test(source))) return [];
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const hits: ts.Node[] = [];
  const isName = (n: ts.Node) => names.has(literalText(n) ?? "");
  /** Per variable, the type names its initializer holds as elements or keys. */
  const holders = new Map<string, ts.Node[]>();
  /** Variables asked about a type: `x.has(f.type)`, `x.includes(type)`, `x[f.type]`. */
  const asked = new Set<string>();

  const visit = (n: ts.Node): void => {
    if (ts.isBinaryExpression(n) && equalities.has(n.operatorToken.kind)) {
      if (isName(n.right) && readsType(n.left)) hits.push(n.right);
      if (isName(n.left) && readsType(n.right)) hits.push(n.left);
    } else if (ts.isSwitchStatement(n) && readsType(n.expression)) {
      for (const clause of n.caseBlock.clauses)
        if (ts.isCaseClause(clause) && isName(clause.expression)) hits.push(clause.expression);
    } else if (ts.isVariableDeclaration(n) && ts.isIdentifier(n.name) && n.initializer) {
      const init = n.initializer;
      const held = ts.isObjectLiteralExpression(init)
        ? init.properties.flatMap((p) =>
            p.name &&
            (ts.isIdentifier(p.name) || ts.isStringLiteral(p.name)) &&
            names.has(p.name.text)
              ? [p.name]
              : [],
          )
        : collectionLiterals(init).filter(isName);
      if (held.length > 0) holders.set(n.name.text, held);
    } else if (
      ts.isCallExpression(n) &&
      ts.isPropertyAccessExpression(n.expression) &&
      ["has", "includes"].includes(n.expression.name.text) &&
      ts.isIdentifier(n.expression.expression) &&
      n.arguments.length > 0 &&
      readsType(n.arguments[0]!)
    ) {
      asked.add(n.expression.expression.text);
    } else if (
      ts.isElementAccessExpression(n) &&
      ts.isIdentifier(n.expression) &&
      readsType(n.argumentExpression)
    ) {
      asked.add(n.expression.text);
    }
    ts.forEachChild(n, visit);
  };
  visit(file);
  for (const name of asked) hits.push(...(holders.get(name) ?? []));
  const lines = hits.map((h) => file.getLineAndCharacterOfPosition(h.getStart(file)).line + 1);
  return [...new Set(lines)].sort((a, b) => a - b);
}

const names = new Set(fieldTypes.keys());

describe("field type names outside their registry", () => {
  it("finds the ways code tests a type by name, and not type names used as other words", () => {
    const source = [
      'if (field.type === "money") scale = 2;',
      'const ref = "reference" !== f?.type!;',
      "switch (meta?.type) {",
      '  case "enum": break;',
      "}",
      'const textLike = new Set(["text", "email"]);',
      "const ok = textLike.has(fields[f]!.type);",
      'const byType: Record<string, string> = { integer: "integer" };',
      "const pick = byType[type];",
      'if (cell.kind === "date") write();',
      'switch (v.kind) { case "text": break; }',
      'const id = { type: "reference", entity: "" };',
      'const words = new Set(["email", "phone"]);',
      "const known = words.has(key);",
      'const input = <input type="date" />;',
    ].join("\n");
    expect(typeNameTests(source, "example.tsx", names)).toEqual([1, 2, 4, 6, 8]);
  });

  it("are nowhere in engine/ and ui/src/ but engine/fields/ and ui/src/fields/type-registry.ts", () => {
    const found = ["engine", "ui/src"]
      .flatMap((dir) => sourceFiles(join(repoDir, dir)))
      .map((path) => relative(repoDir, path).split(sep).join("/"))
      .filter((path) => !homes.some((home) => path.startsWith(home)))
      .flatMap((path) =>
        typeNameTests(readFileSync(join(repoDir, path), "utf8"), path, names).map(
          (line) => `${path}:${line}`,
        ),
      );
    expect(found).toEqual([]);
    // Parses a few hundred files; on a busy machine that is seconds.
  }, 60_000);
});
