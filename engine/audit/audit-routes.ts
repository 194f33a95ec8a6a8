import { Type } from "@sinclair/typebox";
import { sql, type Selectable, type SelectQueryBuilder } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { systemTables, type SystemTables } from "../db/system-tables.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { localDateTime, neutralise } from "../fields/spreadsheet-cell.ts";
import { downloadStream } from "../export/download-stream.ts";
import type { ExportColumn } from "../export/export-columns.ts";
import { writeCsv } from "../export/write-csv.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import type { Routes } from "../http/routes.ts";
import { namedSchema } from "../http/named-schema.ts";
import { withProblemText } from "../http/problem-text.ts";
import { auditChanges } from "./audit-diff.ts";
import { auditTable, type AuditTable } from "./audit-table.ts";
import { tr } from "../i18n/text.ts";

type AuditRow = Selectable<AuditTable>;

const day = /^(\d{4})-(\d{2})-(\d{2})$/;
const instant = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})$/;

/** 2026-02-30 has the shape of a day but is none. */
function realDay(value: string): boolean {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  const t = new Date(Date.UTC(y, m - 1, d));
  return t.getUTCFullYear() === y && t.getUTCMonth() === m - 1 && t.getUTCDate() === d;
}

function nextDay(value: string): string {
  const [y, m, d] = value.split("-").map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + 1)).toISOString().slice(0, 10);
}

const actionNames = "[a-z_]{1,40}";
const notAWhen = () =>
  tr("must be a date such as 2026-11-27 or an instant such as 2026-11-27T08:00:00Z");
const when = withProblemText(
  Type.String({
    pattern: `^(${day.source.slice(1, -1)}|${instant.source.slice(1, -1)})$`,
    description:
      "A day in the company's time zone (`2026-11-27`, `to` includes it) or an instant (`2026-11-27T08:00:00Z`).",
  }),
  notAWhen,
);
const filters = {
  action: Type.Optional(
    withProblemText(
      Type.String({
        pattern: `^\\s*${actionNames}\\s*(,\\s*${actionNames}\\s*)*$`,
        description: "Action names, comma-separated: `role_created,role_changed`.",
      }),
      () => tr("must be action names such as login,role_changed"),
    ),
  ),
  actor: Type.Optional(Type.String({ maxLength: 200, description: "A username." })),
  target: Type.Optional(Type.String({ maxLength: 200, description: "What it acted on: an id." })),
  from: Type.Optional(when),
  to: Type.Optional(when),
};
type Filters = { [K in keyof typeof filters]?: string };

const entry = namedSchema(
  "AuditEntry",
  Type.Object({
    id: Type.Integer(),
    at: Type.String({ format: "date-time" }),
    actor: Type.Union([Type.String(), Type.Null()], { description: "A username." }),
    actorId: Type.Union([Type.String(), Type.Null()]),
    action: Type.String({ description: "`login`, `role_changed`, `record_created`…" }),
    target: Type.Union([Type.String(), Type.Null()]),
    detail: Type.Unknown({ description: "What the action recorded, as it recorded it." }),
    changes: Type.Array(
      Type.Object({ path: Type.String(), before: Type.Unknown(), after: Type.Unknown() }),
      { description: "What it changed, leaf by leaf." },
    ),
    ip: Type.Union([Type.String(), Type.Null()]),
    userAgent: Type.Union([Type.String(), Type.Null()]),
  }),
);
const tags = ["admin"];

/**
 * The audit trail for company admins (issue "Organisation and permissions
 * 2/2"): `GET /api/admin/audit?action=a,b&actor=&target=&from=&to=&limit=&offset=`
 * newest first, each entry with the leaf-by-leaf `changes` of what it
 * changed; `GET /api/admin/audit/export` the same entries as CSV. Reading
 * only: the table itself refuses updates and deletes.
 */
export function auditRoutes(routes: Routes, deps: ModuleDeps) {
  routes.route(
    "GET",
    "",
    {
      policy: "admin",
      operationId: "listAudit",
      summary: "The audit trail, newest first",
      tags,
      query: Type.Object({
        ...filters,
        limit: Type.Optional(
          Type.Integer({
            minimum: 0,
            maximum: 200,
            default: 50,
            description: "At most this many.",
          }),
        ),
        offset: Type.Optional(
          Type.Integer({
            minimum: 0,
            maximum: 1_000_000,
            default: 0,
            description: "Skip this many.",
          }),
        ),
      }),
      responses: {
        200: {
          description: "A page of entries, and how many match.",
          schema: Type.Object({ items: Type.Array(entry), total: Type.Integer() }),
        },
      },
      errors: [503],
    },
    async (c, { query: q }) => {
      const query = filtered(deps.database.db, c.var.company, q);
      const [rows, total] = await Promise.all([
        page(query, q.limit ?? 50, q.offset ?? 0),
        query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
      ]);
      return c.json({ items: rows.map(toJson), total: total.n });
    },
  );
  routes.route(
    "GET",
    "/export",
    {
      policy: "admin",
      operationId: "exportAudit",
      summary: "The audit trail as a CSV file",
      description: "The entries the same filters list, newest first, streamed.",
      tags,
      query: Type.Object(filters),
      responses: {
        200: {
          description: "The file, as an attachment named audit.csv.",
          headers: {
            "Content-Disposition": {
              description: '`attachment; filename="audit.csv"`.',
              schema: Type.String(),
            },
          },
          content: { "text/csv": Type.String() },
        },
      },
      errors: [429, 503],
    },
    (c, { query: q }) => {
      const query = filtered(deps.database.db, c.var.company, q);
      const timezone = c.var.company.settings.timezone;
      const columns: ExportColumn[] = ["at", "actor", "action", "target", "changes", "ip"].map(
        (name) => ({ name, header: name, field: { type: "text" }, width: 20 }),
      );
      const text = (column: ExportColumn, entry: Record<string, unknown>) => {
        const value = entry[column.name];
        if (column.name === "at") return localDateTime(value as string, timezone);
        const shown =
          column.name === "changes"
            ? (value as { path: string; before: unknown; after: unknown }[])
                .map(
                  (ch) => `${ch.path}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}`,
                )
                .join("\n")
            : ((value as string | null) ?? "");
        return { kind: "text" as const, text: neutralise(shown) };
      };
      // Bounded like record exports: it also lasts as long as its client takes to read.
      const release = deps.exportSlots.take(`${c.var.company.slug}/${c.var.actor.userId}`);
      const writer = writeCsv(columns, text, deps.exportSlots.limits.stallMs);
      void (async () => {
        try {
          for (let offset = 0; ; offset += 1000) {
            const chunk = await page(query, 1000, offset);
            if (chunk.length > 0) await writer.write(chunk.map(toJson));
            if (chunk.length < 1000) break;
          }
          await writer.end();
        } catch (err) {
          writer.fail(err as Error);
        } finally {
          release();
        }
      })();
      return c.body(downloadStream(writer.stream), 200, {
        "Content-Type": "text/csv; charset=UTF-8",
        "Content-Disposition": 'attachment; filename="audit.csv"',
        "Cache-Control": "no-store",
      });
    },
  );
}

function filtered(
  db: Db,
  company: CompanyContext,
  q: Filters,
): SelectQueryBuilder<SystemTables, typeof auditTable, object> {
  const problems: FieldProblem[] = [];
  let query = systemTables(db, company.schema).selectFrom(auditTable);
  if (q.action)
    query = query.where(
      "action",
      "in",
      q.action.split(",").map((a) => a.trim()),
    );
  if (q.actor) query = query.where("actor", "=", q.actor);
  if (q.target) query = query.where("target", "=", q.target);
  const tz = company.settings.timezone;
  for (const [name, op] of [
    ["from", ">="],
    ["to", "<"],
  ] as const) {
    const value = q[name];
    if (!value) continue;
    const date = day.exec(value);
    if (date && realDay(value)) {
      // A bare date is the company's local day; `to` takes its whole day in.
      const bound = name === "to" ? nextDay(value) : value;
      query = query.where(
        "at",
        op,
        sql<string>`cast(${bound} as date)::timestamp at time zone ${tz}`,
      );
    } else if (!date && !Number.isNaN(Date.parse(value))) {
      query = query.where("at", op, new Date(value).toISOString());
    } else {
      // The right shape, but no such day or time (2026-02-30, 25:61).
      problems.push({ field: name, rule: "format", message: notAWhen() });
    }
  }
  if (problems.length > 0) throw ApiError.invalidRequest(problems);
  return query;
}

function page(
  query: SelectQueryBuilder<SystemTables, typeof auditTable, object>,
  limit: number,
  offset: number,
) {
  return query
    .selectAll()
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(limit)
    .offset(offset)
    .execute();
}

function toJson(r: AuditRow) {
  return {
    id: r.id,
    at: r.at,
    actor: r.actor,
    actorId: r.actor_id,
    action: r.action,
    target: r.target,
    detail: r.detail,
    changes: auditChanges(r.detail),
    ip: r.ip,
    userAgent: r.user_agent,
  };
}
