import { sql, type Selectable, type SelectQueryBuilder } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { systemTables, type SystemTables } from "../db/system-tables.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { localDateTime, neutralise } from "../fields/spreadsheet-cell.ts";
import { downloadStream } from "../export/download-stream.ts";
import type { ExportColumn } from "../export/export-columns.ts";
import type { ExportSlots } from "../export/export-slots.ts";
import { writeCsv } from "../export/write-csv.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import type { Routes } from "../http/routes.ts";
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

/**
 * The audit trail for company admins (issue "Organisation and permissions
 * 2/2"): `GET /api/admin/audit?action=a,b&actor=&target=&from=&to=&limit=&offset=`
 * newest first, each entry with the leaf-by-leaf `changes` of what it
 * changed; `GET /api/admin/audit/export` the same entries as CSV. Reading
 * only: the table itself refuses updates and deletes.
 */
export function auditRoutes(routes: Routes, deps: ModuleDeps, exports: ExportSlots) {
  routes.get("", "admin", async (c) => {
    const query = filtered(deps.database.db, c.var.company, c.req.query());
    const limit = count(c.req.query("limit"), "limit", 50, 200);
    const offset = count(c.req.query("offset"), "offset", 0, 1_000_000);
    const [rows, total] = await Promise.all([
      page(query, limit, offset),
      query.select(sql<number>`count(*)`.as("n")).executeTakeFirstOrThrow(),
    ]);
    return c.json({ items: rows.map(toJson), total: total.n });
  });
  routes.get("/export", "admin", (c) => {
    const query = filtered(deps.database.db, c.var.company, c.req.query());
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
              .map((ch) => `${ch.path}: ${JSON.stringify(ch.before)} → ${JSON.stringify(ch.after)}`)
              .join("\n")
          : ((value as string | null) ?? "");
      return { kind: "text" as const, text: neutralise(shown) };
    };
    // Bounded like record exports: it also lasts as long as its client takes to read.
    const release = exports.take(`${c.var.company.slug}/${c.var.actor.userId}`);
    const writer = writeCsv(columns, text, exports.limits.stallMs);
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
  });
}

function filtered(
  db: Db,
  company: CompanyContext,
  q: Record<string, string>,
): SelectQueryBuilder<SystemTables, typeof auditTable, object> {
  const problems: FieldProblem[] = [];
  let query = systemTables(db, company.schema).selectFrom(auditTable);
  if (q.action) {
    const actions = q.action.split(",").map((a) => a.trim());
    if (actions.some((a) => !/^[a-z_]{1,40}$/.test(a)))
      problems.push({
        field: "action",
        rule: "format",
        message: tr("must be action names such as login,role_changed"),
      });
    else query = query.where("action", "in", actions);
  }
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
    } else if (instant.test(value) && !Number.isNaN(Date.parse(value))) {
      query = query.where("at", op, new Date(value).toISOString());
    } else {
      problems.push({
        field: name,
        rule: "format",
        message: tr("must be a date such as 2026-11-27 or an instant such as 2026-11-27T08:00:00Z"),
      });
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

function count(value: string | undefined, name: string, fallback: number, max: number): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d{1,7}$/.test(value) || Number(value) > max)
    throw ApiError.badRequest(tr("{name} must be a whole number from 0 to {max}", { name, max }), {
      [name]: value.slice(0, 20),
    });
  return Number(value);
}
