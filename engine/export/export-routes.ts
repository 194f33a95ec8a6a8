import { Readable } from "node:stream";
import type { Context } from "hono";
import { requireAction } from "../access/entity-actions.ts";
import { dateInZone } from "../numbering/date-in-zone.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { Routes } from "../http/routes.ts";
import { locales, type Locale } from "../metadata/metadata-types.ts";
import { planList } from "../query/plan-list.ts";
import type { RecordService } from "../records/record-service.ts";
import { exportCell } from "./export-cell.ts";
import { exportColumns } from "./export-columns.ts";
import { readExport } from "./export-rows.ts";
import type { DatabaseKind } from "../db/database.ts";
import { writeCsv } from "./write-csv.ts";
import { writeXlsx } from "./write-xlsx.ts";

/** A sheet holds 1,048,576 rows, the header included; a CSV is cut at the same count. */
export const maxExportRows = 1_048_575;

const types = {
  csv: "text/csv; charset=UTF-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

/**
 * `GET /api/data/:entity/export?format=csv|xlsx` (X1): the grid as the user
 * sees it — the same filter, `q`, sort and scope, the visible columns they
 * name (`columns=name,city,owner`), headers and enum labels in `lang` —
 * streamed a chunk at a time. Needs the role's export right.
 */
export function exportRoutes(
  routes: Routes,
  database: DatabaseKind,
  service: (c: Context<AppEnv>) => RecordService,
) {
  routes.get("/:entity/export", "session", async (c) => {
    const records = service(c);
    const { company } = c.var;
    const def = records.definition;
    requireAction(company, def.entity.key, "export");
    const { format = "csv", filter, sort, q, columns, lang } = c.req.query();
    if (format !== "csv" && format !== "xlsx")
      throw ApiError.badRequest(`format must be csv or xlsx, not "${format.slice(0, 20)}"`, {
        format: format.slice(0, 20),
      });
    const locale = (lang ?? company.settings.language) as Locale;
    if (!locales.includes(locale))
      throw ApiError.badRequest(`lang must be ${locales.join(" or ")}`, {
        lang: locale.slice(0, 20),
      });
    const plan = planList(company, def, { filter, sort, q });
    const cols = exportColumns(def, locale, columns);
    const cell = (col: (typeof cols)[number], record: Record<string, unknown>) =>
      exportCell(company, def, locale, col.name, col.field, record);
    const day = dateInZone(new Date(), company.settings.timezone);
    const stamp = `${day.year}${String(day.month).padStart(2, "0")}${String(day.day).padStart(2, "0")}`;
    const label = def.labels[locale].plural ?? def.entity.key;
    const writer = format === "csv" ? writeCsv(cols, cell) : writeXlsx(label, cols, cell);
    // Written while the client reads; a failure midway can only cut the download short.
    readExport(database, records, plan, maxExportRows, (chunk) => writer.write(chunk)).then(
      () => writer.end(),
      (err: unknown) => {
        if (!writer.stream.destroyed) console.error(`export of ${def.entity.key} failed`, err);
        writer.fail(err as Error);
      },
    );
    const stream = writer.stream;
    return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
      "Content-Type": types[format],
      "Content-Disposition": `attachment; filename="${def.entity.key}-${stamp}.${format}"; filename*=UTF-8''${encodeURIComponent(`${label}-${stamp}.${format}`)}`,
      "Cache-Control": "no-store",
    });
  });
}
