import { Type } from "@sinclair/typebox";
import type { Context } from "hono";
import { dateInZone } from "../numbering/date-in-zone.ts";
import { documentedFrom } from "../http/documented-from.ts";
import { withProblemText } from "../http/problem-text.ts";
import { stringEnum } from "../http/string-enum.ts";
import type { AppEnv } from "../http/app-env.ts";
import type { Routes } from "../http/routes.ts";
import { locales } from "../metadata/metadata-types.ts";
import { planList } from "../query/plan-list.ts";
import type { RecordService } from "../records/record-service.ts";
import { downloadStream } from "./download-stream.ts";
import { exportCell } from "./export-cell.ts";
import { exportColumns } from "./export-columns.ts";
import { readExport } from "./export-rows.ts";
import { writeCsv } from "./write-csv.ts";
import { writeXlsx } from "./write-xlsx.ts";
import { tr } from "../i18n/text.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";

/** A sheet holds 1,048,576 rows, the header included; a CSV is cut at the same count. */
export const maxExportRows = 1_048_575;

const types = {
  csv: "text/csv; charset=UTF-8",
  xlsx: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
} as const;

const exportQuery = Type.Object({
  format: Type.Optional(
    withProblemText(
      stringEnum(["csv", "xlsx"] as const, { default: "csv", description: "The file's format." }),
      () => tr("must be csv or xlsx"),
    ),
  ),
  filter: Type.Optional(documentedFrom(Type.String(), "listFilter")),
  sort: Type.Optional(documentedFrom(Type.String(), "listSort")),
  q: Type.Optional(documentedFrom(Type.String(), "listSearch")),
  columns: Type.Optional(
    Type.String({
      description: "Fields to export, comma-separated (default: the list's columns).",
    }),
  ),
  lang: Type.Optional(
    withProblemText(
      stringEnum(locales, {
        description: "Language of headers and labels (default: the company's).",
      }),
      () => tr("must be one of {locales}", { locales: locales.join(", ") }),
    ),
  ),
});

/**
 * `GET /api/data/:entity/export?format=csv|xlsx` (X1): the grid as the user
 * sees it — the same filter, `q`, sort and scope, the visible columns they
 * name (`columns=name,city,owner`), headers and enum labels in `lang` —
 * streamed a chunk at a time. Needs the role's export right, and a free
 * export slot (export-slots.ts); cut off when the client stalls or the
 * export runs too long (db/export-limits.ts).
 */
export function exportRoutes(
  routes: Routes,
  service: (c: Context<AppEnv>) => RecordService,
  deps: ModuleDeps,
) {
  const { stallMs, maxMs } = deps.exportSlots.limits;
  routes.route(
    "GET",
    "/:entity/export",
    {
      policy: "session",
      perEntity: true,
      operationId: "export",
      summary: "Export {plural} as CSV or XLSX",
      description:
        "The list as the grid shows it (filter, q, sort, columns), streamed. Needs the export right.",
      tags: [],
      query: exportQuery,
      responses: {
        200: {
          description: "The file, as an attachment.",
          headers: {
            "Content-Disposition": {
              description: "`attachment`, named after the entity and the day.",
              schema: Type.String(),
            },
          },
          content: {
            "text/csv": Type.String(),
            [types.xlsx]: Type.String({ contentEncoding: "binary" }),
          },
        },
      },
      errors: [403, 429, 503],
    },
    async (c, { query: { format = "csv", filter, sort, q, columns, lang } }) => {
      const records = service(c);
      const { company } = c.var;
      const def = records.definition;
      company.policy.requireAction(company, def.entity.key, "export");
      const locale = lang ?? company.settings.language;
      const plan = planList(company, def, { filter, sort, q });
      const cols = exportColumns(def, locale, columns);
      const cell = (col: (typeof cols)[number], record: Record<string, unknown>) =>
        exportCell(company, def, locale, col.name, col.field, record);
      const day = dateInZone(new Date(), company.settings.timezone);
      const stamp = `${day.year}${String(day.month).padStart(2, "0")}${String(day.day).padStart(2, "0")}`;
      const label = def.labels[locale].plural ?? def.entity.key;
      const writer =
        format === "csv"
          ? writeCsv(cols, cell, stallMs)
          : await writeXlsx(label, cols, cell, stallMs);
      const release = deps.exportSlots.take(`${company.slug}/${c.var.actor.userId}`);
      const deadline = Date.now() + maxMs;
      const source = { database: deps.database, records, company, actor: c.var.actor };
      // Written while the client reads; a failure midway can only cut the download short.
      void (async () => {
        try {
          await readExport(source, plan, maxExportRows, (chunk) => {
            if (Date.now() > deadline) throw new Error(`the export ran longer than ${maxMs} ms`);
            return writer.write(chunk);
          });
          await writer.end();
        } catch (err) {
          if (!writer.stream.destroyed) console.error(`export of ${def.entity.key} failed`, err);
          writer.fail(err as Error);
        } finally {
          release();
        }
      })();
      const stream = writer.stream;
      return c.body(downloadStream(stream), 200, {
        "Content-Type": types[format],
        "Content-Disposition": `attachment; filename="${def.entity.key}-${stamp}.${format}"; filename*=UTF-8''${encodeURIComponent(`${label}-${stamp}.${format}`)}`,
        "Cache-Control": "no-store",
      });
    },
  );
}
