import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { overlayChanges } from "./overlay-changes.ts";

const base = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."));

/** The changes from one overlay to the next, as English sentences. */
const said = (older: object, newer: object) =>
  overlayChanges(
    older,
    newer,
    applyOverlay(base, older, 1),
    applyOverlay(base, newer, 2),
  ).changes.map((c) => c.text.in("en"));

describe("overlayChanges", () => {
  it("names a field added as one change, and a base label renamed from its base text", () => {
    expect(
      said(
        {},
        {
          entities: {
            customer: {
              fields: { x_wechat: { type: "text", maxLength: 50 } },
              labels: { "zh-CN": { fields: { x_wechat: "微信号", quality: "客户等级" } } },
            },
          },
        },
      ),
    ).toEqual([
      "field customer.x_wechat added (text)",
      "zh-CN label fields.x_wechat of customer changed from — to 微信号",
      "zh-CN label fields.quality of customer changed from 客户质量 to 客户等级",
    ]);
  });

  it("says a field hidden, a property changed, a layout replaced and options switched", () => {
    const older = { entities: { customer: { fields: { x_note: { type: "text" } } } } };
    expect(
      said(older, {
        entities: {
          customer: {
            fields: { x_note: { type: "text", maxLength: 80 }, fax: { hidden: true } },
            list: { columns: [{ field: "name" }] },
          },
        },
        options: { inlineEdit: false },
        moduleSwitches: { sales: false },
      }),
    ).toEqual([
      "maxLength of field customer.x_note changed from — to 80",
      "field customer.fax hidden",
      "list of customer redesigned",
      "option inlineEdit changed from true to false",
      "module sales switched off",
    ]);
  });

  it("says an own entity created, then archived", () => {
    const entity = {
      module: "crm",
      titleField: "name",
      fields: { name: { type: "text" } },
    };
    expect(said({}, { customEntities: { x_rival: entity } })).toEqual(["entity x_rival created"]);
    expect(
      said(
        { customEntities: { x_rival: entity } },
        { customEntities: { x_rival: { ...entity, archived: true } } },
      ),
    ).toEqual(["entity x_rival archived"]);
  });

  it("says a numbering pattern and a company detail changed, from the base's", () => {
    expect(
      said(
        {},
        {
          entities: { customer: { numbering: { pattern: "C{YYYY}-{seq:4}" } } },
          companyInfo: { taxNumber: "91330106MA2B00001X" },
        },
      ),
    ).toEqual([
      "numbering of customer: pattern changed from KH{YYYY}{MM}-{seq:4} to C{YYYY}-{seq:4}",
      "company taxNumber changed from — to 91330106MA2B00001X",
    ]);
  });

  it("lists at most 300 changes and counts the rest", () => {
    const labels = Object.fromEntries(Array.from({ length: 350 }, (_, i) => [`x_f${i}`, `F${i}`]));
    const fields = Object.fromEntries(Object.keys(labels).map((k) => [k, { type: "text" }]));
    const result = overlayChanges({}, { entities: { customer: { fields } } }, undefined, undefined);
    expect(result.changes).toHaveLength(300);
    expect(result.more).toBe(50);
  });
});
