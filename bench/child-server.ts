import { spawn, type ChildProcess } from "node:child_process";
import path from "node:path";
import { npmStart } from "../test/support/npm-start.ts";

const root = path.resolve(import.meta.dirname, "..");

/** Preloads server-probe.js into a server (see there). */
export const probeFlags = ["--import", "./bench/server-probe.js"];

export interface ChildServer {
  url: string;
  /** The server's own process (not a wrapper's), for /proc figures and signals. */
  pid: number;
  stop(): Promise<void>;
}

/**
 * Starts a server script in its own process (so it has a core of its own)
 * and waits until it listens. The engine runs as `npm start` runs it (its
 * bundle); another script is bundled likewise and run by node, so that both
 * are measured alike, without a TypeScript loader, and `pid` is the server
 * itself. `nodeFlags` go before the script (`probeFlags`, for instance).
 */
export async function startChild(
  script: string,
  port: number,
  env: Record<string, string>,
  nodeFlags: readonly string[] = [],
): Promise<ChildServer> {
  const childEnv = { ...process.env, ...env, PORT: String(port) };
  const child: ChildProcess =
    script === "engine/main.ts"
      ? npmStart(childEnv, nodeFlags)
      : spawn(process.execPath, [...nodeFlags, await bundled(script)], {
          cwd: root,
          env: childEnv,
          stdio: ["ignore", "pipe", "pipe"],
        });
  let output = "";
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${script} did not start:\n${output}`)),
      120_000,
    );
    const watch = (d: Buffer) => {
      output += d.toString();
      if (/listening/.test(output)) {
        clearTimeout(timer);
        resolve();
      }
    };
    child.stdout!.on("data", watch);
    child.stderr!.on("data", watch);
    child.on("exit", (code) => reject(new Error(`${script} exited with ${code}:\n${output}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    pid: child.pid!,
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** A TypeScript script as one ES module in dist/bench (packages left to node_modules). */
async function bundled(script: string): Promise<string> {
  const esbuild = await import("esbuild");
  const outfile = path.join(root, "dist/bench", `${path.basename(script, ".ts")}.js`);
  await esbuild.build({
    absWorkingDir: root,
    entryPoints: [script],
    outfile,
    bundle: true,
    packages: "external",
    platform: "node",
    format: "esm",
    target: "node20",
    logLevel: "warning",
  });
  return outfile;
}
