import { cpSync, mkdirSync, rmSync, symlinkSync } from "node:fs";
import path from "node:path";
import { projectRoot } from "../../engine/project/project-root.ts";

const parts = [
  "package.json",
  "tsconfig.json",
  "vitest.config.ts",
  "engine",
  "metadata",
  "plugins",
  "scripts/plugin-template",
  "test/support",
  "ui/src",
  "ui/tsconfig.json",
];

/**
 * A throw-away copy of the project's sources (the engine, metadata, the
 * plugins, the test harness, the UI's) that shares its node_modules, for a test that
 * adds files to a project, which removes it when done. Under the project's
 * .tmp/, so that TypeScript finds the same types from it.
 */
export function copyProjectRoot(name: string): string {
  const root = path.join(projectRoot, ".tmp", `${name}-${process.pid}`);
  rmSync(root, { recursive: true, force: true });
  mkdirSync(root, { recursive: true });
  for (const part of parts)
    cpSync(path.join(projectRoot, part), path.join(root, part), { recursive: true });
  symlinkSync(path.join(projectRoot, "node_modules"), path.join(root, "node_modules"), "dir");
  return root;
}
