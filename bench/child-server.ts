import { spawn, type ChildProcess } from "node:child_process";
import { readFileSync } from "node:fs";
import path from "node:path";

const root = path.resolve(import.meta.dirname, "..");

export interface ChildServer {
  url: string;
  stop(): Promise<void>;
}

/** Starts a server script in its own process (so it has a core of its own) and waits until it listens. */
export async function startChild(
  script: string,
  port: number,
  env: Record<string, string>,
): Promise<ChildServer> {
  // The engine runs as `npm start` runs it (package.json), with the node flags it ships with.
  const [command, ...args] =
    script === "engine/main.ts"
      ? startCommand()
      : [path.join(root, "node_modules/.bin/tsx"), script];
  const child: ChildProcess = spawn(command!, args, {
    cwd: root,
    env: { ...process.env, ...env, PORT: String(port) },
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
    stop: () =>
      new Promise((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

function startCommand(): string[] {
  const pkg = JSON.parse(readFileSync(path.join(root, "package.json"), "utf8")) as {
    scripts: { start: string };
  };
  return pkg.scripts.start.split(/\s+/);
}
