import { mkdirSync, mkdtempSync, writeFileSync } from "node:fs";
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
