import { describe, expect, it } from "vitest";
import { loadPinyinForms } from "./pinyin-forms.ts";

describe("pinyin forms", () => {
  it("reads Chinese as full pinyin and initials, lower case, without spaces", async () => {
    const forms = await loadPinyinForms();
    expect(forms("北京恒达")).toEqual(["beijinghengda", "bjhd"]);
    expect(forms("ABC 科技")).toEqual(["abckeji", "abckj"]);
  });

  it("adds the surname reading of a polyphonic first character, and writes ü as v", async () => {
    const forms = await loadPinyinForms();
    expect(forms("单田芳")).toEqual(expect.arrayContaining(["dantianfang", "shantianfang", "stf"]));
    expect(forms("绿地")).toContain("lvdi");
  });

  it("has nothing to say about text without Chinese", async () => {
    expect((await loadPinyinForms())("Acme 0571")).toEqual([]);
  });
});
