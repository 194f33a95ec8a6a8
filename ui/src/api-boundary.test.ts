import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";

/**
 * The UI talks to the engine through the API only (ARCHITECTURE.md): what
 * both need to agree on at build time — the generated metadata types, the
 * locale list — lives in metadata/, which either may import.
 */
const uiDir = import.meta.dirname;
const engineDir = resolve(uiDir, "../../engine");

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(entry.name) ? [path] : [];
  });
}

describe("the UI's imports", () => {
  it("reach nothing in engine/", () => {
    const intoEngine = sourceFiles(uiDir).flatMap((file) =>
      ts
        .preProcessFile(readFileSync(file, "utf8"), true, true)
        .importedFiles.filter(({ fileName }) => fileName.startsWith("."))
        .filter(
          ({ fileName }) => !relative(engineDir, resolve(dirname(file), fileName)).startsWith(".."),
        )
        .map(({ fileName }) => `${relative(uiDir, file)} imports ${fileName}`),
    );
    expect(intoEngine).toEqual([]);
  });
});
