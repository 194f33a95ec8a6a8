import path from "node:path";
import { projectRoot } from "../project/project-root.ts";

/**
 * TypeScript source formatted as the project's own is, so that generated
 * files read like written ones. Prettier is a devDependency, like the type
 * generator: loaded only when an SDK is written.
 */
export async function formatSource(source: string): Promise<string> {
  const prettier = await import("prettier");
  const config = await prettier.resolveConfig(path.join(projectRoot, "package.json"));
  return prettier.format(source, { ...config, parser: "typescript" });
}
