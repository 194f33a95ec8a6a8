import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requestLocale, useCompanyLocale } from "./request-locale.ts";
import { joinTexts, tr, verbatim } from "./text.ts";

describe("Text", () => {
  it("renders its template in either language, with its parameters", () => {
    const text = tr("must be at least {minimum}", { minimum: 0 });
    expect(text.in("en")).toBe("must be at least 0");
    expect(text.in("zh-CN")).toBe("不能小于 0");
    expect(String(text)).toBe("must be at least 0");
  });

  it("renders texts given as parameters in the same language", () => {
    const text = tr("{field}: {message}", {
      field: "amount",
      message: tr("must be at most {maximum}", { maximum: 9 }),
    });
    expect(text.in("zh-CN")).toBe("amount：不能大于 9");
    const joined = joinTexts([text, tr("log in first")], "; ");
    expect(joined.in("zh-CN")).toBe("amount：不能大于 9; 请先登录");
    expect(joined.in("en")).toBe("amount: must be at most 9; log in first");
  });

  it("never translates words given verbatim, nor reads placeholders inside parameters", () => {
    expect(verbatim("log in first").in("zh-CN")).toBe("log in first");
    expect(tr("unknown field {field}", { field: "{minimum}" }).in("en")).toBe(
      "unknown field {minimum}",
    );
  });

  it("serialises in the language the request asked for, else its company's, else English", async () => {
    const app = new Hono();
    app.use("*", requestLocale());
    app.get("/", (c) => {
      if (c.req.query("company")) useCompanyLocale("zh-CN");
      return c.json({ message: tr("log in first") });
    });
    const message = async (path: string, headers: Record<string, string> = {}) =>
      ((await (await app.request(path, { headers })).json()) as { message: string }).message;
    expect(await message("/", { "accept-language": "zh-CN,zh;q=0.9" })).toBe("请先登录");
    expect(await message("/?company=1", { "accept-language": "en-GB" })).toBe("log in first");
    expect(await message("/?company=1")).toBe("请先登录");
    expect(await message("/")).toBe("log in first");
    expect(JSON.stringify({ outside: tr("log in first") })).toBe('{"outside":"log in first"}');
  });
});
