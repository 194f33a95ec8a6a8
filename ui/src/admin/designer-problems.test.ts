import { describe, expect, it } from "vitest";
import { ApiFailure } from "../api/api-failure.ts";
import { designerProblems } from "./designer-problems.ts";

/** Where the field editor shows each kind of refusal the admin API gives. */
describe("designerProblems", () => {
  it("puts a metadata problem at the property or label its pointer names", () => {
    const err = new ApiFailure(400, "invalid", "the change would make the metadata invalid", {
      problems: [
        { pointer: "/entities/product/fields/x_margin/scale", rule: "scale too big" },
        { pointer: "/entities/product/labels/en/help/x_margin", rule: "help too long" },
        { pointer: "/entities/product/labels/zh-CN/options/x_margin/A", rule: "empty" },
        { pointer: "/entities/product/fields/other", rule: "elsewhere" },
      ],
    });
    expect(designerProblems(err, "x_margin", ["scale"])).toEqual({
      scale: "scale too big",
      "help.en": "help too long",
      "option.A.zh-CN": "empty",
      _: "elsewhere",
    });
  });

  it("puts a body problem at its input, a used key at the key", () => {
    const invalid = new ApiFailure(400, "invalid_request", "bad", {
      fields: [
        { field: "maxLength", rule: "minimum", message: "must be >= 1" },
        { field: "labels.en", rule: "type", message: "must be a string" },
      ],
    });
    expect(designerProblems(invalid, "x_a", ["maxLength"])).toEqual({
      maxLength: "must be >= 1",
      "labels.en": "must be a string",
    });
    const used = new ApiFailure(409, "key_used", "the key was already used", null);
    expect(designerProblems(used, "x_a", ["maxLength"])).toEqual({
      key: "the key was already used",
    });
  });

  it("puts a refusal about existing data at the one property changed, else on the form", () => {
    const rows = new ApiFailure(409, "rows_break_rule", "3 records have no value", null);
    expect(designerProblems(rows, "x_a", ["required"])).toEqual({
      required: "3 records have no value",
    });
    expect(designerProblems(rows, "x_a", ["required", "unique"])).toEqual({
      _: "3 records have no value",
    });
  });
});
