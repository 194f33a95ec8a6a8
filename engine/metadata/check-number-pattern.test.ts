import { describe, expect, it } from "vitest";
import { copyMetadataRoot, editJson } from "../../test/support/metadata-copy.ts";
import { loadBaseMetadata } from "./load-base-metadata.ts";
import { formatProblem, MetadataInvalidError } from "./metadata-error.ts";
import { checkNumberPattern } from "./check-number-pattern.ts";

describe("checkNumberPattern", () => {
  it("accepts a well-formed pattern that fits the field", () => {
    expect(checkNumberPattern("KH{YYYY}{MM}-{seq:4}", 40)).toBeUndefined();
    expect(checkNumberPattern("KH{YYYY}{MM}-{seq:4}", 13)).toBeUndefined();
    expect(checkNumberPattern("{seq:12}", undefined)).toBeUndefined();
  });

  it("gives the parser's message for a malformed pattern", () => {
    expect(checkNumberPattern("KH{YYY}{seq}", 40)?.in("en")).toMatch(/^unknown token \{YYY\}/);
    expect(checkNumberPattern("KH{YYYY}", 40)?.in("en")).toMatch(/needs one sequence token/);
    expect(checkNumberPattern("KH{YYYY}", 40)?.in("zh-CN")).toBe(
      "编号规则需要一个流水号标记：{seq} 或 {seq:N}",
    );
  });

  it("refuses a pattern whose first number would not fit the field's maxLength", () => {
    expect(checkNumberPattern("KH{YYYY}{MM}-{seq:4}", 12)?.in("en")).toBe(
      "numbers of this pattern are at least 13 characters long, more than the field's maxLength 12",
    );
  });
});

describe("checkNumberPattern with prefixes", () => {
  it("wants prefixes for {prefix} and measures the longest", () => {
    expect(checkNumberPattern("{prefix}{seq}", 40)?.in("en")).toBe(
      "the pattern uses {prefix} but the numbering gives no prefixes",
    );
    expect(checkNumberPattern("{prefix}{seq}", 40, [])).toBeUndefined();
    expect(checkNumberPattern("{prefix}-{seq:2}", 5, ["AB", "ABC"])?.in("en")).toBe(
      "numbers of this pattern are at least 6 characters long, more than the field's maxLength 5",
    );
    expect(checkNumberPattern("KH{seq:2}", 4, ["LONGER"])).toBeUndefined();
  });
});

describe("base metadata with a malformed numbering pattern", () => {
  it("is refused with the problem located at /numbering/pattern", () => {
    const root = copyMetadataRoot();
    editJson(root, "metadata/entities/customer/entity.json", (e) => {
      e.numbering.pattern = "KH{YYYY}{MM}-{seq:4}-{seq}";
    });
    let error: unknown;
    try {
      loadBaseMetadata(root);
    } catch (err) {
      error = err;
    }
    expect(error).toBeInstanceOf(MetadataInvalidError);
    expect((error as MetadataInvalidError).problems.map(formatProblem)).toEqual([
      "metadata/entities/customer/entity.json#/numbering/pattern: a pattern takes one sequence token, not 2",
    ]);
  });
});
