import { describe, expect, it } from "vitest";
import { namePairs, phonePairs } from "../../test/support/duplicate-pairs.ts";
import { normaliseCompanyName } from "./normalise-company-name.ts";
import { normaliseEmail } from "./normalise-email.ts";
import { normalisePhone } from "./normalise-phone.ts";

describe("company names", () => {
  it.each(namePairs)("%s ~ %s: %s", (a, b, same) => {
    expect(normaliseCompanyName(a) === normaliseCompanyName(b)).toBe(same);
  });
  it("keeps a name that is only a place or a legal form", () => {
    expect(normaliseCompanyName("杭州")).toBe("杭州");
    expect(normaliseCompanyName("有限公司")).toBeTruthy();
    expect(normaliseCompanyName(" ，。 ")).toBeUndefined();
  });
  it("strips the place and the legal form", () => {
    expect(normaliseCompanyName("浙江杭州 恒达科技股份有限公司")).toBe("恒达科技");
  });
});

describe("phone numbers", () => {
  it.each(phonePairs)("%s ~ %s: %s", (a, b, same) => {
    expect(normalisePhone(a) === normalisePhone(b)).toBe(same);
  });
  it("gives no key to a fragment", () => {
    expect(normalisePhone("8888")).toBeUndefined();
    expect(normalisePhone("+86 123")).toBeUndefined();
  });
  it("keeps the digits of the line", () => {
    expect(normalisePhone("+86 (571) 8888-8888")).toBe("057188888888");
    expect(normalisePhone("+86 138 0013 8000")).toBe("13800138000");
  });
});

describe("e-mail", () => {
  it("compares without case", () => {
    expect(normaliseEmail(" Sales@HengDa.com ")).toBe(normaliseEmail("sales@hengda.com"));
  });
});
