import { spawn } from "node:child_process";
import { projectRoot } from "../../engine/project/project-root.ts";

export interface CliResult {
  code: number | null;
  out: string;
  err: string;
}

/**
 * Runs the CLI as `npm run cli` does, in its own process (node + tsx, without
 * npm's and tsx's launcher processes), with `env` as its whole environment
 * on top of PATH. Asynchronous, so that independent runs overlap.
 */
export function runCliProcess(env: NodeJS.ProcessEnv, ...args: string[]): Promise<CliResult> {
  const child = spawn(process.execPath, ["--import", "tsx", "engine/cli/main.ts", ...args], {
    cwd: projectRoot,
    env: { PATH: process.env.PATH, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let out = "";
  let err = "";
  child.stdout.on("data", (d: Buffer) => (out += d.toString()));
  child.stderr.on("data", (d: Buffer) => (err += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, out, err }));
  });
}
