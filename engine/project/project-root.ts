import { existsSync } from "node:fs";
import path from "node:path";

/**
 * The folder of package.json nearest above `dir`. Searched for, not fixed,
 * because the engine runs from two places: its sources (engine/, under tsx
 * and the tests) and its bundle (dist/engine/, under `npm start`).
 */
export function findProjectRoot(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    if (existsSync(path.join(at, "package.json"))) return at;
    if (path.dirname(at) === at) throw new Error(`no package.json above ${dir}`);
  }
}

/**
 * The project root: metadata/, plugins/, ui/dist and the engine's own data
 * files (message catalogues, meta-schemas) are read from here, never from
 * beside the running code.
 */
export const projectRoot = findProjectRoot(import.meta.dirname);

/**
 * Whether the engine runs from its sources (tests, tsx) or from its bundle:
 * code the bundle builds separately (each plugin's server code) is then
 * read from dist/engine instead of from its source folder.
 */
export const runningFromSources = import.meta.url.endsWith(".ts");
