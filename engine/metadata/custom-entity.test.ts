import path from "node:path";
import { describe, expect, it } from "vitest";
import { applyOverlay } from "./apply-overlay.ts";
import { loadBaseMetadata } from "./load-base-metadata.ts";
import { MetadataInvalidError } from "./metadata-error.ts";

const base = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."));

const competitor = {
  module: "crm",
  titleField: "name",
  fields: {
    name: { type: "text", required: true, maxLength: 100 },
    customer: { type: "reference", entity: "customer" },
    threat: { type: "enum", options: ["low", "high"] },
    price: { type: "decimal", precision: 12, scale: 2 },
  },
};
const labels = {
  "zh-CN": { entity: "竞争产品", plural: "竞争产品", fields: { name: "名称" } },
  en: { entity: "Competing product", plural: "Competing products", fields: { name: "Name" } },
};

const problemsOf = (overlay: unknown) => {
  try {
    applyOverlay(base, overlay, 3);
  } catch (err) {
    expect(err).toBeInstanceOf(MetadataInvalidError);
    return (err as MetadataInvalidError).problems.map(
      (p) => `${p.source}#${p.pointer}: ${p.rule.in("en")}`,
    );
  }
  throw new Error("the overlay applied");
};

describe("a company's own entities", () => {
  it("join the metadata with a default form and list, their labels, and a menu entry", () => {
    const meta = applyOverlay(
      base,
      { customEntities: { x_competitor: competitor }, entities: { x_competitor: { labels } } },
      1,
    );
    const def = meta.entities.x_competitor!;
    expect(def.entity).toMatchObject({ key: "x_competitor", module: "crm", search: ["name"] });
    expect(def.list.columns.map((c) => c.field)).toEqual(["name", "customer", "threat", "price"]);
    expect(def.list.filters).toEqual(["customer", "threat"]);
    expect(def.list.sort).toEqual(["-createdAt"]);
    expect(def.labels["zh-CN"].entity).toBe("竞争产品");
    const crm = meta.modules.modules.find((m) => m.key === "crm")!;
    expect(crm.menu.at(-1)).toEqual({ entity: "x_competitor" });
    // The base's own menus are not changed in place.
    expect(base.modules.modules.find((m) => m.key === "crm")!.menu.at(-1)).not.toEqual({
      entity: "x_competitor",
    });
  });

  it("take later x_ fields, a designed list and references from base entities", () => {
    const meta = applyOverlay(
      base,
      {
        customEntities: { x_competitor: competitor },
        entities: {
          x_competitor: {
            fields: { x_site: { type: "url" } },
            list: { columns: [{ field: "name" }, { field: "x_site" }] },
          },
          customer: { fields: { x_main_rival: { type: "reference", entity: "x_competitor" } } },
        },
      },
      2,
    );
    expect(meta.entities.x_competitor!.entity.fields.x_site).toEqual({ type: "url" });
    expect(meta.entities.x_competitor!.list.columns).toHaveLength(2);
    expect(meta.entities.customer!.entity.fields.x_main_rival!.entity).toBe("x_competitor");
  });

  it("are titled by a text field, one added later too, which search reads", () => {
    const retitled = applyOverlay(
      base,
      {
        customEntities: { x_competitor: { ...competitor, titleField: "x_code" } },
        entities: { x_competitor: { fields: { x_code: { type: "text" } } } },
      },
      5,
    );
    expect(retitled.entities.x_competitor!.entity.search).toEqual(["x_code"]);
    expect(retitled.entities.x_competitor!.list.columns[0]).toEqual({ field: "x_code" });
    expect(
      problemsOf({ customEntities: { x_competitor: { ...competitor, titleField: "threat" } } }),
    ).toEqual([
      'overlay version 3#/customEntities/x_competitor/titleField: the title field "threat" must be a text field',
    ]);
  });

  it("leave the metadata when archived, keeping their layout in the overlay for their return", () => {
    const meta = applyOverlay(
      base,
      {
        customEntities: { x_competitor: { ...competitor, archived: true } },
        entities: { x_competitor: { labels } },
      },
      4,
    );
    expect(meta.entities.x_competitor).toBeUndefined();
    expect(
      meta.modules.modules.flatMap((m) => m.menu).some((i) => i.entity === "x_competitor"),
    ).toBe(false);
    expect(meta.hash).toBe(applyOverlay(base, {}, 0).hash);
  });

  it("are refused, with where, for an unknown module, title field or target, or a wrong key", () => {
    expect(
      problemsOf({
        customEntities: {
          x_competitor: {
            ...competitor,
            module: "nosuch",
            titleField: "title",
            fields: { ...competitor.fields, rival: { type: "reference", entity: "x_nothing" } },
          },
        },
      }),
    ).toEqual([
      'overlay version 3#/customEntities/x_competitor/fields/rival/entity: unknown entity "x_nothing"',
      'overlay version 3#/customEntities/x_competitor/titleField: unknown field "title"',
      'overlay version 3#/customEntities/x_competitor/module: unknown module "nosuch"',
    ]);
    expect(problemsOf({ customEntities: { competitor } })[0]).toMatch(
      /^overlay version 3#\/customEntities: must match pattern/,
    );
    expect(
      problemsOf({
        customEntities: { x_competitor: competitor },
        entities: { x_competitor: { fields: { site: { type: "url" } } } },
      }),
    ).toEqual([
      'overlay version 3#/entities/x_competitor/fields/site: field "site" is not in the base metadata; a company\'s own field needs a key starting with x_',
    ]);
  });
});
