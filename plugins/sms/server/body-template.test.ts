import { describe, expect, it } from "vitest";
import { fillTemplate } from "./body-template.ts";

const values = { to: "13800138000", text: '他说 "好"\n& 走吧 {to}', sign: "【美达】", key: "k" };

describe("fillTemplate", () => {
  it("escapes each value for JSON, so that any text keeps the body valid", () => {
    const body = fillTemplate('{"m":"{to}","c":"{sign}{text}","k":"{key}"}', "json", values);
    expect(JSON.parse(body)).toEqual({ m: "13800138000", c: `【美达】${values.text}`, k: "k" });
  });

  it("encodes each value as one form field", () => {
    const body = fillTemplate("m={to}&c={text}&s={sign}", "form", values);
    expect(Object.fromEntries(new URLSearchParams(body))).toEqual({
      m: "13800138000",
      c: values.text,
      s: "【美达】",
    });
  });

  it("leaves braces that name no placeholder, and placeholders inside values, as they are", () => {
    expect(fillTemplate('{"a":{"to":"{to}"},"b":"{other}"}', "json", values)).toBe(
      '{"a":{"to":"13800138000"},"b":"{other}"}',
    );
    expect(JSON.parse(fillTemplate('{"c":"{text}"}', "json", values)).c).toContain("{to}");
  });
});
