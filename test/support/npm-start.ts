import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";
import type { Readable } from "node:stream";
import { projectRoot } from "../../engine/project/project-root.ts";

/**
 * The arguments of a `node …` script of package.json. Only such scripts are
 * run here, so that what the tests start is exactly what `npm start` starts.
 */
function nodeScript(name: string): string[] {
  const pkg = JSON.parse(readFileSync(path.join(projectRoot, "package.json"), "utf8")) as {
    scripts: Record<string, string>;
  };
  const [command, ...args] = (pkg.scripts[name] ?? "").trim().split(/\s+/);
  if (command !== "node" || args.some((a) => /[&|;<>"'$`]/.test(a))) {
    throw new Error(`package.json's "${name}" is not a plain node command: ${pkg.scripts[name]}`);
  }
  return args;
}

/**
 * `npm start` without npm's own processes: its `prestart` (the build of what
 * changed since the last one, nothing otherwise), then its `start` as a child
 * of this process's node, with `env` as the whole environment. `nodeFlags`
 * go before the script (the last of a repeated V8 flag wins).
 */
export function npmStart(
  env: NodeJS.ProcessEnv,
  nodeFlags: readonly string[] = [],
): ChildProcessByStdio<null, Readable, Readable> {
  npmPrestart();
  const start = nodeScript("start");
  start.splice(start.length - 1, 0, ...nodeFlags);
  return spawn(process.execPath, start, {
    cwd: projectRoot,
    env,
    stdio: ["ignore", "pipe", "pipe"],
  });
}

/** `npm start`'s build: each part (engine, ui/dist, database template) whose sources changed since its last build. */
export function npmPrestart(): void {
  const prestart = spawnSync(process.execPath, nodeScript("prestart"), {
    cwd: projectRoot,
    stdio: "inherit",
  });
  if (prestart.status !== 0) throw new Error(`npm start's build failed (${prestart.status})`);
}
