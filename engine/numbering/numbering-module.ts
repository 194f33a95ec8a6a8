import { tr } from "../i18n/text.ts";
import type { EngineModule } from "../modules/engine-module.ts";
import { nameSeriesByPattern } from "./name-series-by-pattern.ts";
import { createNumberSeriesTable } from "./number-series-table.ts";

/** Document numbers (`KH{YYYY}{MM}-{seq:4}`) and their counters. */
export const numberingModule: EngineModule = {
  key: "numbering",
  label: tr("Document numbers"),
  description: tr("Number patterns and counters for documents."),
  version: "1.1.0",
  dependsOn: ["core"],
  companyMigrations: [
    { name: "001-number-series", up: (tx, t) => createNumberSeriesTable(tx, t.schema) },
    { name: "002-series-by-pattern", up: (tx, t) => nameSeriesByPattern(tx, t.schema) },
  ],
};
