import { textCell } from "./spreadsheet-cell.ts";
import { findRegion, regionPrefix } from "./region-tree.ts";
import type { FieldType } from "./field-type.ts";
import { tr } from "../i18n/text.ts";

/**
 * An administrative division of China (province, city or county), stored as
 * its six-digit GB/T 2260 code; its names come with it in `_display`
 * ("浙江省 杭州市 西湖区"). `within` a province finds its cities and counties too.
 */
export const regionField: FieldType = {
  name: "region",
  label: tr("Region"),
  properties: [],
  sqlType: () => "text",
  jsonSchema: () => ({ type: "string", pattern: "^[0-9]{6}$" }),
  expects: () => tr("a six-digit GB/T 2260 region code such as 330106"),
  // `within` first: "customers in 浙江" is what a user filters a region by.
  operators: ["within", "eq", "ne", "isNull"],
  sortable: true,
  toCell: (v, _f, cx) => textCell(cx.display ?? String(v)),
  widget: "region",
  checkValue: (value) =>
    typeof value === "string" && !findRegion(value)
      ? tr("is not a region code (GB/T 2260, e.g. 330000 for 浙江省)")
      : undefined,
  display: (value) => findRegion(String(value))?.path.join(" "),
  withinPrefix: regionPrefix,
  apiNote: (name) =>
    `Its names are in \`_display.${name}\`; filter with \`within\` for everything inside a region.`,
};
