import { describe, expect, it } from "vitest";
import { readConfig } from "./config.ts";

describe("readConfig", () => {
  it("reads TRUST_PROXY as the number of trusted proxies", () => {
    expect(readConfig({}).trustProxy).toBe(0);
    expect(readConfig({ TRUST_PROXY: "false" }).trustProxy).toBe(0);
    expect(readConfig({ TRUST_PROXY: "true" }).trustProxy).toBe(1);
    expect(readConfig({ TRUST_PROXY: "2" }).trustProxy).toBe(2);
    expect(() => readConfig({ TRUST_PROXY: "yes" })).toThrow(/TRUST_PROXY .* not "yes"/);
    expect(() => readConfig({ TRUST_PROXY: "-1" })).toThrow(/TRUST_PROXY/);
  });

  it("bounds password hashing, configurably", () => {
    const defaults = readConfig({}).passwordHashing;
    expect(defaults.concurrency).toBeGreaterThanOrEqual(1);
    expect(defaults.maxWaiting).toBe(64 * defaults.concurrency);
    const set = readConfig({
      PASSWORD_HASHING_CONCURRENCY: "2",
      PASSWORD_HASHING_QUEUE: "0",
    }).passwordHashing;
    expect(set).toMatchObject({ concurrency: 2, maxWaiting: 0 });
    expect(() => readConfig({ PASSWORD_HASHING_CONCURRENCY: "0" })).toThrow(
      /PASSWORD_HASHING_CONCURRENCY must be a whole number ≥ 1, not "0"/,
    );
    expect(() => readConfig({ PASSWORD_HASHING_QUEUE: "many" })).toThrow(/not "many"/);
  });

  it("bounds the company contexts kept in memory, configurably", () => {
    expect(readConfig({}).companyContexts).toBe(200);
    expect(readConfig({ COMPANY_CONTEXTS: "20" }).companyContexts).toBe(20);
    expect(() => readConfig({ COMPANY_CONTEXTS: "0" })).toThrow(
      /COMPANY_CONTEXTS must be a whole number ≥ 1, not "0"/,
    );
  });
});
