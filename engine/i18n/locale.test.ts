import { readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales, pickLocale } from "../../metadata/locale.ts";

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
  // The meta-schemas are JSON files that editors and the type generator read, so they name the locales too.
  const schemaFile = (name: string) =>
    JSON.parse(
      readFileSync(path.resolve(import.meta.dirname, "../../metadata/schema", name), "utf8"),
    ) as {
      definitions: Record<string, { enum?: string[]; required?: string[]; properties?: object }>;
    };

  it("is the one the meta-schemas accept", () => {
    expect(schemaFile("definitions.schema.json").definitions.locale!.enum).toEqual([...locales]);
  });

  it("is the one every text of the meta view comes in", () => {
    const { definitions } = schemaFile("meta-view.schema.json");
    for (const name of ["localizedLabels", "localizedText"]) {
      expect(definitions[name]!.required, name).toEqual([...locales]);
      expect(Object.keys(definitions[name]!.properties!), name).toEqual([...locales]);
    }
  });
});
