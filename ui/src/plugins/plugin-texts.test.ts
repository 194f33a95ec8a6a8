import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales } from "../../../metadata/locale.ts";

const pluginsDir = path.resolve(import.meta.dirname, "../../../plugins");
const withTexts = readdirSync(pluginsDir, { withFileTypes: true })
  .filter((e) => e.isDirectory() && existsSync(path.join(pluginsDir, e.name, "ui/texts")))
  .map((e) => e.name);

const read = (plugin: string, locale: string): Record<string, string> => {
  const file = path.join(pluginsDir, plugin, "ui/texts", `${locale}.json`);
  return existsSync(file) ? (JSON.parse(readFileSync(file, "utf8")) as Record<string, string>) : {};
};
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();

/** The rules the UI holds a plugin's texts to when it loads them (plugin-store.ts), checked before shipping. */
describe.each(withTexts)("the UI texts of plugin %s", (plugin) => {
  it("start every key with the plugin's name, so none replaces another's", () => {
    const stray = locales.flatMap((l) =>
      Object.keys(read(plugin, l)).filter((k) => !k.startsWith(`${plugin}.`)),
    );
    expect(stray).toEqual([]);
  });

  it("give every key in every locale, with the same placeholders", () => {
    const keys = new Set(locales.flatMap((l) => Object.keys(read(plugin, l))));
    const wrong = locales.flatMap((l) =>
      [...keys].flatMap((k) => {
        const words = read(plugin, l)[k];
        const source = read(plugin, "en")[k] ?? "";
        return words === undefined || placeholders(words).join() !== placeholders(source).join()
          ? [`${l}.json: ${k}`]
          : [];
      }),
    );
    expect(wrong).toEqual([]);
  });
});
