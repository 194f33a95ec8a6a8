import { cpSync, mkdirSync, unlinkSync, writeFileSync } from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { copyMetadataRoot, editJson } from "../../test/support/metadata-copy.ts";
import { loadBaseMetadata } from "./load-base-metadata.ts";
import { MetadataInvalidError, formatProblem } from "./metadata-error.ts";

const projectRoot = path.resolve(import.meta.dirname, "../..");

/** The formatted problems loadBaseMetadata throws for `root`; fails when it loads. */
function problemsOf(root: string): string[] {
  let error: unknown;
  try {
    loadBaseMetadata(root);
  } catch (err) {
    error = err;
  }
  expect(error).toBeInstanceOf(MetadataInvalidError);
  const problems = (error as MetadataInvalidError).problems.map(formatProblem);
  // The message names every problem, one per line.
  for (const p of problems) expect((error as Error).message).toContain(`\n  ${p}`);
  return problems;
}

const customer = "metadata/entities/customer";

describe("loadBaseMetadata", () => {
  it("loads the project's metadata", () => {
    const base = loadBaseMetadata(projectRoot, []);
    expect(Object.keys(base.entities).sort()).toEqual([
      "activity",
      "contact",
      "customer",
      "product",
    ]);
    expect(base.entities.customer!.entity.fields.phone).toEqual({ type: "phone" });
    expect(base.entities.customer!.labels["zh-CN"].fields?.name).toBe("客户名称");
    expect(base.sources.customer!.entity).toBe(`${customer}/entity.json`);
    expect(base.modules.modules.map((m) => m.key)).toEqual(["crm", "sales"]);
    expect(base.hash).toMatch(/^[0-9a-f]{64}$/);
    // An unchanged copy loads to the same metadata, so the hash is stable.
    expect(loadBaseMetadata(copyMetadataRoot(), []).hash).toBe(base.hash);
  });

  it("adds a plugin's entities, menus, labels and the fields it adds to other entities", () => {
    const base = loadBaseMetadata(projectRoot, ["loyalty"]);
    expect(Object.keys(base.entities)).toContain("x_loyalty_entry");
    expect(base.sources.x_loyalty_entry!.entity).toBe(
      "plugins/loyalty/metadata/entities/x_loyalty_entry/entity.json",
    );
    expect(base.modules.modules.map((m) => m.key)).toEqual(["crm", "sales", "loyalty"]);
    expect(base.labels["zh-CN"].modules?.loyalty).toBe("客户积分");
    expect(base.entities.customer!.entity.fields.x_loyalty_points).toEqual({
      type: "integer",
      readOnly: true,
      default: 0,
      module: "loyalty",
    });
    expect(base.entities.customer!.labels["zh-CN"].fields?.x_loyalty_points).toBe("积分余额");
    expect(base.entities.customer!.labels["zh-CN"].fields?.name).toBe("客户名称");
  });

  it("reports a misspelt field type by file, pointer and rule", () => {
    const root = copyMetadataRoot();
    editJson(root, `${customer}/entity.json`, (e) => (e.fields.phone.type = "phnoe"));
    const problems = problemsOf(root);
    expect(problems[0]).toBe(
      `${customer}/entity.json#/fields/phone/type: unknown field type "phnoe"`,
    );
    // phone is also a search field, which adds a follow-on "not text" problem at /search/2.
    expect(problems.every((p) => p.startsWith(`${customer}/entity.json#/`))).toBe(true);

    const other = copyMetadataRoot();
    editJson(other, `${customer}/entity.json`, (e) => (e.fields.fax.type = "phnoe"));
    expect(problemsOf(other)).toEqual([
      `${customer}/entity.json#/fields/fax/type: unknown field type "phnoe"`,
    ]);
  });

  it("reports an unknown property in form.json with its pointer", () => {
    const root = copyMetadataRoot();
    editJson(root, `${customer}/form.json`, (f) => (f.name["ui:colour"] = "red"));
    expect(problemsOf(root)).toEqual([
      `${customer}/form.json#/name/ui:colour: unknown property "ui:colour"`,
    ]);
  });

  it("reports a list column that names an unknown field", () => {
    const root = copyMetadataRoot();
    editJson(root, `${customer}/list.json`, (l) => (l.columns[1].field = "nmae"));
    expect(problemsOf(root)).toEqual([
      `${customer}/list.json#/columns/1/field: unknown field "nmae"`,
    ]);
  });

  it("reports labels for an unknown option", () => {
    const root = copyMetadataRoot();
    editJson(root, `${customer}/labels.en.json`, (l) => (l.options.quality.E = "E (lost)"));
    expect(problemsOf(root)).toEqual([
      `${customer}/labels.en.json#/options/quality/E: label for unknown option "E"`,
    ]);
  });

  it("reports a reference to an unknown entity", () => {
    const root = copyMetadataRoot();
    editJson(
      root,
      "metadata/entities/contact/entity.json",
      (e) => (e.fields.customer.entity = "client"),
    );
    expect(problemsOf(root)).toEqual([
      `metadata/entities/contact/entity.json#/fields/customer/entity: unknown entity "client"`,
    ]);
  });

  it("reports a missing labels file", () => {
    const root = copyMetadataRoot();
    unlinkSync(path.join(root, "metadata/entities/product/labels.en.json"));
    expect(problemsOf(root)).toEqual([
      "metadata/entities/product/labels.en.json#: file is missing",
    ]);
  });

  it("reports broken JSON", () => {
    const root = copyMetadataRoot();
    writeFileSync(path.join(root, "metadata/entities/activity/form.json"), '{ "ui:order": [');
    const problems = problemsOf(root);
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(
      /^metadata\/entities\/activity\/form\.json#: not valid JSON \(.+\)$/,
    );
  });

  it("reports several problems at once, across files", () => {
    const root = copyMetadataRoot();
    editJson(root, `${customer}/list.json`, (l) => (l.columns[1].field = "nmae"));
    editJson(root, `${customer}/labels.zh-CN.json`, (l) => (l.fields.faxx = "传真"));
    editJson(root, "metadata/entities/product/entity.json", (e) => (e.titleField = "title"));
    editJson(root, "metadata/modules.json", (m) => m.modules[1].menu.push({ entity: "order" }));
    expect(problemsOf(root)).toEqual(
      expect.arrayContaining([
        `${customer}/list.json#/columns/1/field: unknown field "nmae"`,
        `${customer}/labels.zh-CN.json#/fields/faxx: label for unknown field "faxx"`,
        `metadata/entities/product/entity.json#/titleField: unknown field "title"`,
        `metadata/modules.json#/modules/1/menu/1/entity: unknown entity "order"`,
      ]),
    );
  });

  it("reports several schema problems at once", () => {
    const root = copyMetadataRoot();
    editJson(root, `${customer}/form.json`, (f) => (f.name["ui:colour"] = "red"));
    editJson(root, `${customer}/entity.json`, (e) => (e.fields.name.maxLength = "200"));
    unlinkSync(path.join(root, "metadata/entities/activity/list.json"));
    expect(problemsOf(root)).toEqual(
      expect.arrayContaining([
        `${customer}/form.json#/name/ui:colour: unknown property "ui:colour"`,
        expect.stringMatching(
          /^metadata\/entities\/customer\/entity\.json#\/fields\/name\/maxLength: /,
        ),
        "metadata/entities/activity/list.json#: file is missing",
      ]),
    );
  });

  it("adds a plugin's entities and refuses one that redefines a base entity", () => {
    const root = copyMetadataRoot();
    const plugin = path.join(root, "plugins/crm_extra/metadata/entities");
    mkdirSync(plugin, { recursive: true });
    cpSync(path.join(root, "metadata/entities/product"), path.join(plugin, "product"), {
      recursive: true,
    });
    expect(problemsOf(root)).toEqual([
      `plugins/crm_extra/metadata/entities/product#: entity "product" is already defined in metadata/entities/product/entity.json`,
    ]);
  });
});
