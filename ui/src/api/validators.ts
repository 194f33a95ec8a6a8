import { fullFormats } from "ajv-formats/dist/formats.js";
import ucs2length from "ajv/dist/runtime/ucs2length.js";
import equal from "ajv/dist/runtime/equal.js";

/** An ajv validate function as the precompiled module exports it. */
export interface ValidateFn {
  (data: unknown): boolean;
  errors?:
    | { instancePath: string; keyword: string; message?: string; params: Record<string, unknown> }[]
    | null;
}

type Factory = (formats: unknown, require: (path: string) => unknown) => Record<string, ValidateFn>;

// CommonJS interop hands over either the function or the module holding it as `default`.
const fn = (m: unknown) => (typeof m === "function" ? m : (m as { default: unknown }).default);

// The helpers ajv's standalone code asks for, from the same packages the server runs.
const runtime: Record<string, unknown> = {
  "ajv/dist/runtime/ucs2length": { default: fn(ucs2length) },
  "ajv/dist/runtime/equal": { default: fn(equal) },
};

/**
 * Loads the company's precompiled record validators (GET /api/meta/validators.js),
 * the same JSON Schemas the server checks payloads with. A plain module import:
 * nothing is evaluated from strings, so the CSP needs no `unsafe-eval`.
 */
export async function loadValidators(version: string): Promise<Record<string, ValidateFn>> {
  const url = `/api/meta/validators.js?v=${encodeURIComponent(version)}`;
  const module = (await import(/* @vite-ignore */ url)) as { default: Factory };
  return module.default(fullFormats, (path) => {
    if (!(path in runtime))
      throw new Error(`validators need ${path}, which the UI does not provide`);
    return runtime[path];
  });
}
