import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales, pickLocale } from "./locale.ts";

describe("pickLocale", () => {
  it.each([
    ["zh-CN,zh;q=0.9,en;q=0.8", "zh-CN"],
    ["en-US,en;q=0.9,zh-CN;q=0.8", "en"],
    ["zh-TW", "zh-CN"],
    ["zh-Hans-CN", "zh-CN"],
    ["fr-FR,en;q=0.5,zh;q=0.7", "zh-CN"],
    ["EN", "en"],
    ["en;q=0,zh", "zh-CN"],
  ])("%s → %s", (header, locale) => {
    expect(pickLocale(header)).toBe(locale);
  });

  it.each([undefined, "", "fr-FR,de;q=0.9", "*", "en;q=0", "english"])(
    "%s names no language we speak",
    (header) => {
      expect(pickLocale(header)).toBeUndefined();
    },
  );
});

describe("the locale list", () => {
  it("is the one the overlay meta-schema accepts (a JSON file editors read, so kept equal here)", () => {
    const file = path.resolve(import.meta.dirname, "../../metadata/schema/overlay.schema.json");
    const schema = JSON.parse(readFileSync(file, "utf8")) as {
      definitions: { locale: { enum: string[] } };
    };
    expect(schema.definitions.locale.enum).toEqual([...locales]);
  });
});
