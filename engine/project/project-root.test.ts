import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { findProjectRoot, projectRoot } from "./project-root.ts";

describe("findProjectRoot", () => {
  it("finds the root from the sources and from the bundle's folders alike", () => {
    const root = mkdtempSync(path.join(tmpdir(), "metacrm-root-"));
    writeFileSync(path.join(root, "package.json"), "{}");
    for (const dir of ["engine", "dist/engine", "dist/engine/chunks"]) {
      mkdirSync(path.join(root, dir), { recursive: true });
      expect(findProjectRoot(path.join(root, dir))).toBe(root);
    }
  });

  it("is the folder of metadata/ when run from the sources", () => {
    expect(path.join(projectRoot, "engine/project")).toBe(import.meta.dirname);
  });
});

describe("the engine's own files", () => {
  it("are found from the project root, never beside the running code (which a bundle moves)", () => {
    // gen-types.ts is a development tool, run from its source only.
    const allowed = ["project/project-root.ts", "metadata/gen-types.ts"];
    const engineDir = path.join(projectRoot, "engine");
    const sources = readdirSync(engineDir, { recursive: true, encoding: "utf8" }).filter(
      (f) => f.endsWith(".ts") && !f.endsWith(".test.ts"),
    );
    const relative = sources.filter((file) => {
      const text = readFileSync(path.join(engineDir, file), "utf8");
      // createRequire(import.meta.url) resolves packages, which node_modules holds either way.
      return /import\.meta\.(dirname|filename|url)/.test(
        text.replaceAll("createRequire(import.meta.url)", ""),
      );
    });
    expect(relative.filter((f) => !allowed.includes(f.split(path.sep).join("/")))).toEqual([]);
  });
});
