import { ApiError } from "./api-error.ts";
import { tr } from "../i18n/text.ts";
import { fieldTexts } from "./field-texts.ts";

/**
 * How deeply a request body may nest. Metadata changes, role permissions and
 * preferences need four or five levels; a value nested thousands deep only
 * makes validators and the database recurse until they fail.
 */
export const maxJsonDepth = 32;

/**
 * Parses a JSON request body, refusing before any work what no route can
 * store: nesting deeper than `maxJsonDepth` (found by a scan of the text, so a
 * megabyte of brackets is never built into objects) and U+0000 in any string
 * or key, which PostgreSQL text and jsonb cannot hold. Each refusal is a 400
 * naming the top-level field it is in, as a record's field problems are.
 */
export function parseJsonInput(text: string): unknown {
  const tooDeep = depthBeyond(text, maxJsonDepth);
  if (tooDeep !== undefined) {
    throw ApiError.invalidRequest([
      {
        field: tooDeep,
        rule: "depth",
        message: tr("nests deeper than {max} levels", { max: maxJsonDepth }),
      },
    ]);
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw ApiError.badRequest(tr("the body is not valid JSON"));
  }
  const nul = nulPath(value, []);
  if (nul) {
    const message =
      nul.length > 1
        ? tr("must not contain the character U+0000 (at {path})", {
            path: `/${nul.map(escapePointer).join("/")}`,
          })
        : fieldTexts.nul();
    throw ApiError.invalidRequest([{ field: printable(nul[0] ?? ""), rule: "nul", message }]);
  }
  return value;
}

/**
 * The top-level key under which `text` opens more than `max` arrays or
 * objects, or undefined when it stays within. Strings are skipped with their
 * escapes; broken JSON is left to JSON.parse.
 */
function depthBeyond(text: string, max: number): string | undefined {
  let depth = 0;
  let topKey = "";
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch === 0x22 /* " */) {
      const start = i;
      for (i++; i < text.length && text.charCodeAt(i) !== 0x22; i++) {
        if (text.charCodeAt(i) === 0x5c /* \ */) i++;
      }
      if (depth === 1) topKey = text.slice(start, i + 1);
    } else if (ch === 0x7b /* { */ || ch === 0x5b /* [ */) {
      if (++depth > max) return printable(keyText(topKey));
    } else if (ch === 0x7d /* } */ || ch === 0x5d /* ] */) {
      depth--;
    }
  }
  return undefined;
}

function keyText(quoted: string): string {
  try {
    return quoted === "" ? "" : (JSON.parse(quoted) as string);
  } catch {
    return "";
  }
}

/** The path to the first string or key holding U+0000, or undefined. Depth is already bounded. */
function nulPath(value: unknown, path: string[]): string[] | undefined {
  if (typeof value === "string") return value.includes("\u0000") ? path : undefined;
  if (value === null || typeof value !== "object") return undefined;
  for (const [key, item] of Array.isArray(value) ? value.entries() : Object.entries(value)) {
    const here = [...path, String(key)];
    if (typeof key === "string" && key.includes("\u0000")) return here;
    const found = nulPath(item, here);
    if (found) return found;
  }
  return undefined;
}

/** A name fit to echo in a message: U+0000 shown as its code, long names cut. */
function printable(name: string): string {
  return name.replaceAll("\u0000", "\\u0000").slice(0, 100);
}

function escapePointer(segment: string): string {
  return printable(segment.replaceAll("~", "~0").replaceAll("/", "~1"));
}
