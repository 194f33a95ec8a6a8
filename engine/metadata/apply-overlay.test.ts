import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyOverlay } from "./apply-overlay.ts";
import { loadBaseMetadata } from "./load-base-metadata.ts";
import { MetadataInvalidError, type MetadataProblem } from "./metadata-error.ts";
import type { BaseMetadata } from "./metadata-types.ts";
import { baseWithoutCustomerFax } from "../../test/support/metadata-copy.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");
const base = loadBaseMetadata(projectRoot);
const baseCopy = structuredClone(base);

type PlainProblem = Omit<MetadataProblem, "rule"> & { rule: string };

/** The problems applyOverlay throws, their rules in English; fails when the overlay applies. */
function problemsOf(overlay: unknown, version: number, on: BaseMetadata = base): PlainProblem[] {
  try {
    applyOverlay(on, overlay, version);
  } catch (err) {
    expect(err).toBeInstanceOf(MetadataInvalidError);
    return (err as MetadataInvalidError).problems.map((p) => ({ ...p, rule: p.rule.in("en") }));
  }
  throw new Error("the overlay applied");
}

describe("applyOverlay", () => {
  it("gives the base itself for an empty overlay", () => {
    const meta = applyOverlay(base, {}, 0);
    expect(meta.entities).toEqual(base.entities);
    expect(meta.baseHash).toBe(base.hash);
    expect(meta.overlayVersion).toBe(0);
    expect(applyOverlay(base, {}, 5).hash).toBe(meta.hash);
  });

  it("adds a company's own x_ field with its labels, leaving the base untouched", () => {
    const overlay = {
      entities: {
        customer: {
          fields: { x_wechat: { type: "text", maxLength: 50 } },
          labels: {
            "zh-CN": { fields: { x_wechat: "微信" } },
            en: { fields: { x_wechat: "WeChat" } },
          },
        },
      },
    };
    const meta = applyOverlay(base, overlay, 1);
    const customer = meta.entities.customer!;
    expect(customer.entity.fields.x_wechat).toEqual({ type: "text", maxLength: 50 });
    expect(customer.entity.fields.name).toEqual(base.entities.customer!.entity.fields.name);
    expect(customer.labels.en.fields?.x_wechat).toBe("WeChat");
    expect(customer.labels["zh-CN"].fields?.x_wechat).toBe("微信");
    expect(meta.overlayVersion).toBe(1);
    expect(meta.hash).not.toBe(applyOverlay(base, {}, 0).hash);
    expect(base).toEqual(baseCopy);
  });

  it("patches a base field property by property", () => {
    const overlay = {
      entities: { customer: { fields: { fax: { hidden: true }, phone: { required: true } } } },
    };
    const fields = applyOverlay(base, overlay, 2).entities.customer!.entity.fields;
    expect(fields.fax).toEqual({ type: "phone", hidden: true });
    expect(fields.phone).toEqual({ type: "phone", required: true });
    expect(fields.name).toEqual({ type: "text", required: true, maxLength: 200 });
    expect(base).toEqual(baseCopy);
  });

  it("refuses to change a base field's type, naming the overlay version and pointer", () => {
    const overlay = { entities: { customer: { fields: { fax: { type: "text" } } } } };
    expect(problemsOf(overlay, 3)).toEqual([
      {
        source: "overlay version 3",
        pointer: "/entities/customer/fields/fax/type",
        rule: `"type" of base field "fax" cannot be changed`,
      },
    ]);
  });

  it("refuses to remove options of a base enum field", () => {
    const overlay = { entities: { customer: { fields: { quality: { options: ["A", "B"] } } } } };
    // Follow-on problems (base option labels of C and D) may come after the cause.
    expect(problemsOf(overlay, 4)[0]).toEqual({
      source: "overlay version 4",
      pointer: "/entities/customer/fields/quality/options",
      rule: `options of base field "quality" cannot be removed: C, D`,
    });
    // Adding an option is fine.
    const added = {
      entities: { customer: { fields: { quality: { options: ["A", "B", "C", "D", "E"] } } } },
    };
    expect(
      applyOverlay(base, added, 4).entities.customer!.entity.fields.quality!.options,
    ).toContain("E");
  });

  it("refuses a new field whose key does not start with x_", () => {
    const overlay = { entities: { customer: { fields: { wechat: { type: "text" } } } } };
    const [problem, ...rest] = problemsOf(overlay, 5);
    expect(rest).toEqual([]);
    expect(problem).toMatchObject({
      source: "overlay version 5",
      pointer: "/entities/customer/fields/wechat",
    });
    expect(problem!.rule).toContain("x_");
  });

  it("refuses a new field with an unknown type or no type, pointing into the overlay", () => {
    const unknownType = { entities: { customer: { fields: { x_foo: { type: "txet" } } } } };
    expect(problemsOf(unknownType, 6)).toEqual([
      {
        source: "overlay version 6",
        pointer: "/entities/customer/fields/x_foo/type",
        rule: `unknown field type "txet"`,
      },
    ]);
    const noType = { entities: { customer: { fields: { x_foo: { maxLength: 5 } } } } };
    expect(problemsOf(noType, 7)).toEqual([
      {
        source: "overlay version 7",
        pointer: "/entities/customer/fields/x_foo/type",
        rule: `new field "x_foo" needs a type`,
      },
    ]);
  });

  it("refuses an overlay that breaks its meta-schema or names an unknown entity", () => {
    const badProperty = {
      entities: { customer: { fields: { x_foo: { type: "text", colour: "red" } } } },
    };
    expect(problemsOf(badProperty, 8)).toEqual([
      {
        source: "overlay version 8",
        pointer: "/entities/customer/fields/x_foo/colour",
        rule: `unknown property "colour"`,
      },
    ]);
    expect(problemsOf({ entities: { order: { fields: {} } } }, 9)).toEqual([
      { source: "overlay version 9", pointer: "/entities/order", rule: `unknown entity "order"` },
    ]);
  });

  it("merges labels sparsely, key by key", () => {
    const overlay = {
      entities: {
        customer: {
          labels: {
            "zh-CN": { fields: { name: "公司名称" }, options: { quality: { A: "A 类" } } },
          },
        },
      },
      labels: { en: { modules: { crm: "CRM" } } },
    };
    const meta = applyOverlay(base, overlay, 10);
    const zh = meta.entities.customer!.labels["zh-CN"];
    expect(zh.fields?.name).toBe("公司名称");
    expect(zh.fields?.city).toBe("城市");
    expect(zh.entity).toBe("客户");
    expect(zh.options?.quality).toEqual({
      ...base.entities.customer!.labels["zh-CN"].options!.quality,
      A: "A 类",
    });
    expect(zh.options?.category).toEqual(base.entities.customer!.labels["zh-CN"].options!.category);
    expect(zh.help).toEqual(base.entities.customer!.labels["zh-CN"].help);
    expect(meta.entities.customer!.labels.en).toEqual(base.entities.customer!.labels.en);
    expect(meta.labels.en.modules).toEqual({ ...base.labels.en.modules, crm: "CRM" });
    expect(meta.labels["zh-CN"]).toEqual(base.labels["zh-CN"]);
  });

  it("replaces a form layout whole", () => {
    const form = { "ui:order": ["name", "city", "*"], city: { "ui:placeholder": "杭州" } };
    const meta = applyOverlay(base, { entities: { customer: { form } } }, 11);
    expect(meta.entities.customer!.form).toEqual(form);
    expect(meta.entities.customer!.list).toEqual(base.entities.customer!.list);
    expect(meta.entities.contact!.form).toEqual(base.entities.contact!.form);
  });

  it("reports a replaced form that names an unknown field against the overlay", () => {
    const form = { "ui:order": ["name", "nmae"] };
    expect(problemsOf({ entities: { customer: { form } } }, 12)).toEqual([
      {
        source: "overlay version 12",
        pointer: "/entities/customer/form/ui:order/1",
        rule: `unknown field "nmae"`,
      },
    ]);
  });

  it("reports an overlay that a base change made invalid as the overlay's problem", () => {
    const overlay = { entities: { customer: { fields: { fax: { hidden: false } } } } };
    expect(() => applyOverlay(base, overlay, 13)).not.toThrow();
    const shrunk = baseWithoutCustomerFax();
    expect(shrunk.entities.customer!.entity.fields.fax).toBeUndefined();
    const problems = problemsOf(overlay, 13, shrunk);
    expect(problems.length).toBeGreaterThan(0);
    for (const p of problems) expect(p.source).toBe("overlay version 13");
    expect(problems[0]!.pointer).toBe("/entities/customer/fields/fax");
    expect(problems[0]!.rule).toContain('"fax"');
    // Without the overlay, the shrunk base is fine.
    expect(applyOverlay(shrunk, {}, 0).entities.customer!.entity.fields.fax).toBeUndefined();
  });

  it("reports a label for a field the base no longer has against the overlay", () => {
    const overlay = { entities: { customer: { labels: { en: { fields: { fax: "Fax no." } } } } } };
    expect(problemsOf(overlay, 14, baseWithoutCustomerFax())).toEqual([
      {
        source: "overlay version 14",
        pointer: "/entities/customer/labels/en/fields/fax",
        rule: `label for unknown field "fax"`,
      },
    ]);
  });
});
