/** How the HTTP gateway's request body is written: a JSON document or an HTML form. */
export type BodyFormat = "json" | "form";

/** What a template may name, each in braces: `{to}`, `{text}`, `{sign}`, `{key}`. */
export interface TemplateValues {
  readonly to: string;
  readonly text: string;
  readonly sign: string;
  readonly key: string;
}

/** The placeholders a template must have: without them nothing says whom to send what. */
export const requiredPlaceholders = ["{to}", "{text}"] as const;

/**
 * A body template with its placeholders filled, each value escaped for the
 * format, so that a text with quotes stays valid JSON and one with `&` stays
 * one form field. Only the four names are placeholders: other braces (a JSON
 * object's) are left as they are.
 *
 * @example
 * fillTemplate('{"mobile":"{to}","content":"{sign}{text}"}', "json", values)
 * fillTemplate("mobile={to}&content={text}&sign={sign}", "form", values)
 */
export function fillTemplate(template: string, format: BodyFormat, values: TemplateValues): string {
  const escape =
    format === "json"
      ? (value: string) => JSON.stringify(value).slice(1, -1)
      : (value: string) => encodeURIComponent(value);
  return template.replace(/\{(to|text|sign|key)\}/g, (_, name: keyof TemplateValues) =>
    escape(values[name]),
  );
}
