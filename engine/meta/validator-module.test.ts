import { fullFormats } from "ajv-formats/dist/formats.js";
import ucs2length from "ajv/dist/runtime/ucs2length.js";
import equal from "ajv/dist/runtime/equal.js";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../project/project-root.ts";
import { createAjv } from "../fields/create-ajv.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { entityPayloadSchema } from "../http/record-validator.ts";
import { validatorModule } from "./validator-module.ts";

type Validate = ((data: unknown) => boolean) & { errors?: { instancePath: string }[] | null };

const ctx = { currencyDecimals: 2 };
const entities = loadBaseMetadata(projectRoot).entities;
// As the UI does (ui/src/api/validators.ts): interop may hand over the function or its module.
const fn = (m: unknown) => (typeof m === "function" ? m : (m as { default: unknown }).default);
const runtime: Record<string, unknown> = {
  "ajv/dist/runtime/ucs2length": { default: fn(ucs2length) },
  "ajv/dist/runtime/equal": { default: fn(equal) },
};

async function browserValidators(): Promise<Record<string, Validate>> {
  const text = validatorModule(entities, ctx);
  const url = `data:text/javascript;base64,${Buffer.from(text).toString("base64")}`;
  const { default: load } = (await import(/* @vite-ignore */ url)) as {
    default: (formats: unknown, require: (path: string) => unknown) => Record<string, Validate>;
  };
  return load(fullFormats, (path) => runtime[path]);
}

const payloads: Record<string, unknown>[] = [
  { name: "杭州测试", email: "a@example.com", creditLimit: "1200.50", nextFollowUp: "2026-12-01" },
  { email: "not-an-address", website: "nope", creditLimit: "1.234" },
  { lastContactAt: "2026-12-01T09:30:00+08:00", tags: ["vip", "overseas"], employees: 12 },
  { lastContactAt: "2026-12-01 09:30", tags: ["unknown"], employees: 1.5, quality: "Z" },
  { name: "x".repeat(201), nextFollowUp: "0999-01-01", isKeyAccount: "yes" },
];

describe("the browser's validator module", () => {
  it("judges every payload as the server's ajv does, field by field", async () => {
    const ajv = createAjv();
    const server = ajv.compile(entityPayloadSchema(entities.customer!, ctx));
    const browser = (await browserValidators()).customer!;
    const fields = (v: Validate) =>
      [...new Set((v.errors ?? []).map((e) => e.instancePath.split("/")[1]))].sort();
    for (const payload of payloads) {
      const verdict = { server: server(payload), browser: browser(payload) };
      expect(verdict.browser, JSON.stringify(payload)).toBe(verdict.server);
      expect(fields(browser)).toEqual(fields(server as Validate));
    }
    expect(fields(browser)).toEqual(["isKeyAccount", "name", "nextFollowUp"]);
  });

  it("exports one validator per entity and is built once per metadata object", async () => {
    expect(Object.keys(await browserValidators()).sort()).toEqual(Object.keys(entities).sort());
    expect(validatorModule(entities, ctx)).toBe(validatorModule(entities, ctx));
  });
});
