import path from "node:path";
import { projectRoot } from "../project/project-root.ts";

/**
 * Source formatted as the project's own is (its parser taken from the
 * file's name), so that generated files read like written ones and pass
 * `prettier --check`. Prettier is a devDependency, as are the tools that
 * generate: loaded only when one runs.
 */
export async function formatSource(source: string, file: string): Promise<string> {
  const prettier = await import("prettier");
  const config = await prettier.resolveConfig(path.join(projectRoot, "package.json"));
  return prettier.format(source, { ...config, filepath: file });
}
