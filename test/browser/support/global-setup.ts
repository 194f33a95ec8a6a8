import { spawnSync } from "node:child_process";
import type { TestProject } from "vitest/node";
import { projectRoot, startEngine } from "./start-engine.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Builds the UI and starts one engine (as `npm start` does) for the whole browser suite. */
export default async function setup(project: TestProject) {
  const build = spawnSync(
    "npx",
    ["vite", "build", "-c", "ui/vite.config.ts", "--logLevel", "warn"],
    {
      cwd: projectRoot,
      stdio: "inherit",
    },
  );
  if (build.status !== 0) throw new Error("the UI build failed");
  const engine = await startEngine();
  project.provide("baseUrl", engine.url);
  return engine.stop;
}
