import path from "node:path";
import { describe, expect, it } from "vitest";
import type { CompanyContext } from "../companies/company-context.ts";
import { defaultCompanySettings } from "../companies/company-settings.ts";
import { unrestrictedPolicy } from "../companies/record-policy.ts";
import { applyOverlay } from "../metadata/apply-overlay.ts";
import { loadBaseMetadata } from "../metadata/load-base-metadata.ts";
import { pascalCase } from "../openapi/component-names.ts";
import { FillingEntities } from "../search-index/filling-entities.ts";
import { entityTypes } from "./entity-types.ts";
import { formatSource } from "./format-source.ts";
import { sdkSchema } from "./sdk-schema.ts";

const base = loadBaseMetadata(path.resolve(import.meta.dirname, "../.."));

/** A company context as the CLI hands it to the SDK, without a database. */
const company = (overlay: unknown): CompanyContext => ({
  slug: "acme",
  schema: "co_acme",
  name: "Acme",
  settings: defaultCompanySettings,
  fieldContext: { currencyDecimals: 2 },
  meta: applyOverlay(base, overlay, 1),
  validators: undefined as never,
  metadataError: undefined,
  policy: unrestrictedPolicy,
  modulesOff: new Set(),
  searchFilling: new FillingEntities([]),
  searchTokens: { share: () => undefined },
});

/** The body of one generated interface, its doc comments left out. */
function declaration(types: string, name: string): string {
  const start = types.indexOf(`export interface ${name} {`);
  expect(start, `no interface ${name}`).toBeGreaterThanOrEqual(0);
  const body = types.slice(start, types.indexOf("\n}\n", start) + 2);
  return body.replace(/\/\*\*[\s\S]*?\*\//g, "").replace(/\n\s*\n/g, "\n");
}

describe("the SDK's entity types", async () => {
  const types = await formatSource(
    await entityTypes(
      sdkSchema(
        company({
          entities: {
            customer: {
              fields: {
                x_data: { type: "json" },
                x_level: { type: "enum", options: ["gold", "silver"], required: true },
                fax: { hidden: true },
              },
            },
          },
        }),
      ),
      "/* test */",
    ),
    "entities.ts",
  );

  it("declares each entity's record, create and patch bodies, and the Entities map", () => {
    for (const key of Object.keys(base.entities)) {
      const name = pascalCase(key);
      for (const part of ["Record", "Create", "Patch", "List", "Condition"])
        expect(types).toContain(`export interface ${name}${part} {`);
      expect(types).toContain(`export type ${name}Filter =`);
      expect(declaration(types, "Entities")).toContain(`${key}: {\n    record: ${name}Record;`);
    }
  });

  it("types a field as the API takes and answers it: json as unknown, enums as their options, hidden fields absent", () => {
    const create = declaration(types, "CustomerCreate");
    expect(create).toContain("  x_data?: unknown;");
    expect(create).toContain('  x_level: "gold" | "silver";');
    expect(create).not.toContain("fax");
    const record = declaration(types, "CustomerRecord");
    expect(record).toContain('  x_level: "gold" | "silver" | null;');
    expect(record).toContain("  version: number;");
    expect(declaration(types, "CustomerCondition")).toContain("  value?: unknown;");
  });
});
