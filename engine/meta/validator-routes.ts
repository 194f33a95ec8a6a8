import type { Context } from "hono";
import { fieldTypes } from "../fields/registry.ts";
import type { AppEnv } from "../http/app-env.ts";
import { metaVersion } from "./meta-view.ts";
import { validatorModule } from "./validator-module.ts";

/**
 * GET /api/meta/validators.js: the company's precompiled record validators.
 * The UI asks for `?v=<X-Meta-Version>`; that exact version is immutable, so the
 * browser keeps it until the metadata changes and the UI asks for the next one.
 */
export function serveValidators(c: Context<AppEnv>, askedVersion: string | undefined) {
  const { company } = c.var;
  const version = metaVersion(company);
  const text = validatorModule(company.meta.entities, company.fieldContext);
  return c.body(text, 200, {
    "Content-Type": "text/javascript; charset=utf-8",
    "Cache-Control":
      askedVersion === version ? "private, max-age=31536000, immutable" : "private, no-cache",
    "X-Meta-Version": version,
  });
}

/**
 * GET /api/meta/field-types: per field type, the filter operators, default
 * widget, whether lists sort by it and whether it refers to records, so the UI
 * offers exactly what the query compiler accepts and never decides it itself.
 */
export function serveFieldTypes(c: Context<AppEnv>) {
  const types = Object.fromEntries(
    [...fieldTypes.values()].map((t) => [
      t.name,
      {
        operators: t.operators,
        widget: t.widget,
        sortable: t.sortable,
        refersToRecords: t.refersToRecords === true,
      },
    ]),
  );
  return c.json(types, 200, { "Cache-Control": "private, max-age=3600" });
}
