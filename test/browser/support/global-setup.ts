import type { TestProject } from "vitest/node";
import { startEngine } from "./start-engine.ts";

declare module "vitest" {
  export interface ProvidedContext {
    baseUrl: string;
  }
}

/** Starts one engine, as `npm start` does (building what changed first), for the whole browser suite. */
export default async function setup(project: TestProject) {
  const engine = await startEngine();
  project.provide("baseUrl", engine.url);
  return engine.stop;
}
