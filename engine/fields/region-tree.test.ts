import { describe, expect, it } from "vitest";
import { regionField } from "./region.field.ts";
import {
  findRegion,
  regionByNames,
  regionPrefix,
  regionTreeJson,
  type Region,
} from "./region-tree.ts";

const tree = () => JSON.parse(regionTreeJson()) as Region[];
const all = (nodes: Region[]): Region[] =>
  nodes.flatMap((n) => [n, ...all([...(n.children ?? [])])]);

describe("administrative divisions", () => {
  it("names a county with its city and province", () => {
    expect(findRegion("330106")).toEqual({
      code: "330106",
      name: "西湖区",
      path: ["浙江省", "杭州市", "西湖区"],
    });
    expect(findRegion("330100")?.path).toEqual(["浙江省", "杭州市"]);
    expect(findRegion("330000")?.path).toEqual(["浙江省"]);
    expect(findRegion("330199")).toBeUndefined();
    expect(findRegion("33")).toBeUndefined();
  });

  it("leaves out the groupings a user would never pick", () => {
    // A municipality's districts sit right under it, without "市辖区".
    expect(findRegion("110105")?.path).toEqual(["北京市", "朝阳区"]);
    expect(findRegion("110100")).toBeUndefined();
    // Chongqing's counties ("县") and districts alike.
    expect(findRegion("500235")?.path).toEqual(["重庆市", "云阳县"]);
    // County-level cities under the province directly.
    expect(findRegion("429004")?.path).toEqual(["湖北省", "仙桃市"]);
    const names = all(tree()).map((r) => r.name);
    expect(names).not.toContain("市辖区");
    expect(names).not.toContain("省直辖县级行政区划");
  });

  it("goes down to counties only: a city without counties has no children", () => {
    const dongguan = tree()
      .find((p) => p.code === "440000")!
      .children!.find((c) => c.code === "441900")!;
    expect(dongguan.name).toBe("东莞市");
    expect(dongguan.children).toBeUndefined();
  });

  it("has every province-level division, Hong Kong, Macao and Taiwan included", () => {
    const provinces = tree();
    expect(provinces).toHaveLength(34);
    expect(provinces.map((p) => p.name)).toEqual(
      expect.arrayContaining(["北京市", "浙江省", "香港特别行政区", "澳门特别行政区", "台湾省"]),
    );
  });

  it("gives every region a distinct six-digit code inside its parent's", () => {
    const codes = all(tree()).map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    for (const province of tree())
      for (const region of all([...(province.children ?? [])]))
        expect(region.code.startsWith(regionPrefix(province.code))).toBe(true);
    expect(codes.length).toBeGreaterThan(3000);
    // Small enough to fetch when a picker opens.
    expect(regionTreeJson().length).toBeLessThan(200_000);
  });

  it("finds what lies inside a region by its code's prefix", () => {
    expect(regionPrefix("330000")).toBe("33");
    expect(regionPrefix("330100")).toBe("3301");
    expect(regionPrefix("330106")).toBe("330106");
    expect(regionPrefix("429004")).toBe("429004");
  });

  it("finds the deepest region along a path of names", () => {
    expect(regionByNames(["浙江省", "杭州市", "西湖区"])?.code).toBe("330106");
    expect(regionByNames(["广东省", "东莞市", "南城街道"])?.code).toBe("441900");
    expect(regionByNames(["北京市", "海淀区"])?.code).toBe("110108");
    expect(regionByNames(["火星"])).toBeUndefined();
  });

  it("as a field: accepts known codes only, and reads as its names", () => {
    expect(regionField.checkValue!("330106", { type: "region" }, { currencyDecimals: 2 })).toBe(
      undefined,
    );
    const unknown = regionField.checkValue!("330199", { type: "region" }, { currencyDecimals: 2 });
    expect(unknown?.in("en")).toMatch(/not a region code/);
    expect(unknown?.in("zh-CN")).toMatch(/不是行政区划代码/);
    expect(regionField.display!("330106")).toBe("浙江省 杭州市 西湖区");
  });
});
