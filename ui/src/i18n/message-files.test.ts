import { readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { locales, sourceLocale } from "../../../metadata/locale.ts";
import { messageFiles, messages } from "./message-files.ts";

const srcDir = path.resolve(import.meta.dirname, "..");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.tsx?$/.test(entry.name) && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const fileName = (folder: string, locale: string) => `ui/src/${folder}/texts/${locale}.json`;

describe("the UI's message files", () => {
  const folders = [...new Set(messageFiles.map((f) => f.folder))];
  const fileOf = (folder: string, locale: string) =>
    messageFiles.find((f) => f.folder === folder && f.locale === locale);

  it("are found, each named after a locale of the list", () => {
    expect(folders.length).toBeGreaterThan(1);
    expect(
      messageFiles
        .filter((f) => !(locales as readonly string[]).includes(f.locale))
        .map((f) => fileName(f.folder, f.locale)),
    ).toEqual([]);
  });

  it("give every key of a folder in every locale, with the same placeholders", () => {
    const missing: string[] = [];
    const mismatched: string[] = [];
    for (const folder of folders) {
      const keys = new Set(locales.flatMap((l) => Object.keys(fileOf(folder, l)?.messages ?? {})));
      for (const locale of locales)
        for (const key of keys) {
          const words = fileOf(folder, locale)?.messages[key];
          const source = fileOf(folder, sourceLocale)?.messages[key];
          if (words === undefined) missing.push(`${fileName(folder, locale)} lacks "${key}"`);
          else if (
            source !== undefined &&
            placeholders(words).join() !== placeholders(source).join()
          )
            mismatched.push(`${fileName(folder, locale)}: "${key}" → ${JSON.stringify(words)}`);
        }
    }
    expect(missing).toEqual([]);
    expect(mismatched).toEqual([]);
  });

  it("define each key in one folder only", () => {
    const owner = new Map<string, string>();
    const twice: string[] = [];
    for (const { folder, locale, messages: words } of messageFiles) {
      if (locale !== sourceLocale) continue;
      for (const key of Object.keys(words)) {
        const first = owner.get(key);
        if (first) twice.push(`"${key}": ${first} and ${folder}`);
        else owner.set(key, folder);
      }
    }
    expect(twice).toEqual([]);
  });

  it("have every key the code names", () => {
    // A key is a dotted string literal starting with one of the files' prefixes ("admin.why.visible").
    const prefixes = new Set(Object.keys(messages[sourceLocale]).map((k) => k.split(".")[0]));
    const unknown: string[] = [];
    for (const file of sources(srcDir)) {
      for (const [, key = ""] of readFileSync(file, "utf8").matchAll(
        /["'`]([a-z]+(?:\.\w+)+)["'`]/g,
      ))
        if (prefixes.has(key.split(".")[0]) && !(key in messages[sourceLocale]))
          unknown.push(`${path.relative(srcDir, file)}: "${key}"`);
    }
    expect(unknown).toEqual([]);
  });
});
