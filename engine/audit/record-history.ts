import { sql, type SqlBool } from "kysely";
import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { visibleFields } from "../metadata/entity-fields.ts";
import { recordAlias, scopedFrom } from "../query/record-json.ts";
import { refersToRecords } from "../fields/registry.ts";
import { auditTable } from "./audit-table.ts";

/** The trail's actions about one record, as its history shows them. */
export const historyActions = [
  "record_created",
  "record_changed",
  "record_deleted",
  "record_reassigned",
  "record_shared",
  "record_unshared",
] as const;

const shareActions = ["record_shared", "record_unshared"];

/** One field a history entry changed, with the titles of the records a reference named. */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  beforeTitle?: string;
  afterTitle?: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  action: (typeof historyActions)[number];
  actor: { id: string; name: string } | null;
  changes: FieldChange[];
  /** Of a share or unshare: with whom, how. */
  share?: {
    user: { id: string; name: string } | null;
    department: { id: string; name: string } | null;
    access: string;
    subDepartments: boolean;
  };
  /** Of a reassignment that came with another record's: which. */
  via?: { entity: string; id: string; title: string | null };
  /** Of a reassignment: how many records that refer to this one went along, per entity. */
  related?: Record<string, number>;
  truncated?: string[];
}

interface TrailRow {
  id: number;
  at: string;
  action: HistoryEntry["action"];
  actor_id: string | null;
  actor: string | null;
  actor_name: string | null;
  detail: Record<string, unknown>;
}

type Values = Record<string, unknown>;

/**
 * One record's history from the audit trail, newest first, as the reader may
 * see it: only fields the reader sees (an entry that changed nothing else
 * is left out, so hidden changes leave no trace), reference titles only of
 * records the reader may read, names of users and departments (from
 * `departmentTable`, the org module's). Whether the reader may see the
 * record at all is the caller's check.
 */
export async function readHistory(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  actor: Actor,
  id: string,
  page: { limit: number; offset: number },
  departmentTable: string,
): Promise<{ items: HistoryEntry[]; total: number }> {
  const schema = company.schema;
  const fields = [...visibleFields(def).map(([name]) => name), "owner"];
  const seen = sql<SqlBool>`(a.action in (${sql.join(shareActions)}) or exists (
    select 1 from jsonb_object_keys(coalesce(a.detail -> 'before', '{}'::jsonb)
      || coalesce(a.detail -> 'after', '{}'::jsonb)) k
    where k = any(cast(${fields} as text[]))))`;
  const entries = db
    .selectFrom(`${schema}.${auditTable} as a`)
    .where("a.target", "=", `${def.entity.key}/${id}`)
    .where("a.action", "in", [...historyActions])
    .where(() => seen);
  const [rows, total] = await Promise.all([
    entries
      .leftJoin(`${schema}.${userEntity.table} as u`, "u.id", "a.actor_id")
      .select([
        "a.id",
        sql<string>`a.at`.as("at"),
        "a.action",
        "a.actor_id",
        "a.actor",
        "u.display_name as actor_name",
        "a.detail",
      ])
      .orderBy("a.at", "desc")
      .orderBy("a.id", "desc")
      .limit(page.limit)
      .offset(page.offset)
      .execute() as Promise<TrailRow[]>,
    entries.select(sql<number>`count(*)::int8`.as("n")).executeTakeFirstOrThrow() as Promise<{
      n: number;
    }>,
  ]);
  const titles = await new TitleFinder(db, company, actor, departmentTable).find(def, fields, rows);
  return { items: rows.map((row) => toEntry(row, def, fields, titles)), total: total.n };
}

function toEntry(
  row: TrailRow,
  def: EntityDefinition,
  fields: readonly string[],
  titles: Titles,
): HistoryEntry {
  const d = row.detail;
  const entry: HistoryEntry = {
    id: Number(row.id),
    at: new Date(row.at).toISOString(),
    action: row.action,
    actor: row.actor_id ? { id: row.actor_id, name: row.actor_name ?? row.actor ?? "" } : null,
    changes: [],
  };
  if (shareActions.includes(row.action)) {
    const user = typeof d.user === "string" ? d.user : null;
    const department = typeof d.department === "string" ? d.department : null;
    entry.share = {
      user: user ? { id: user, name: titles.get(`user/${user}`) ?? "" } : null,
      department: department
        ? { id: department, name: titles.get(`department/${department}`) ?? "" }
        : null,
      access: String(d.access),
      subDepartments: d.subDepartments === true,
    };
    return entry;
  }
  const before = (d.before ?? {}) as Values;
  const after = (d.after ?? {}) as Values;
  for (const field of fields) {
    if (!(field in before) && !(field in after)) continue;
    const change: FieldChange = {
      field,
      before: before[field] ?? null,
      after: after[field] ?? null,
    };
    const target = referenceTarget(def, field);
    if (target) {
      const [was, is] = [
        titles.get(`${target}/${String(change.before)}`),
        titles.get(`${target}/${String(change.after)}`),
      ];
      if (was !== undefined) change.beforeTitle = was;
      if (is !== undefined) change.afterTitle = is;
    }
    entry.changes.push(change);
  }
  if (typeof d.via === "string") {
    const [entity, id] = d.via.split("/") as [string, string];
    entry.via = { entity, id, title: titles.get(d.via) ?? null };
  }
  if (d.related && typeof d.related === "object")
    entry.related = d.related as Record<string, number>;
  if (Array.isArray(d.truncated)) {
    const shown = (d.truncated as string[]).filter((f) => fields.includes(f));
    if (shown.length > 0) entry.truncated = shown;
  }
  return entry;
}

/** The entity a field's values name: its reference target, or users for `owner`. */
function referenceTarget(def: EntityDefinition, field: string): string | undefined {
  if (field === "owner") return userEntity.key;
  const f = def.entity.fields[field];
  return f && refersToRecords(f) ? f.entity : undefined;
}

/** `entity/id` → title, `user/id` → display name, `department/id` → name. */
type Titles = Map<string, string>;

/** Finds the titles a page of history names, one query per target, within the reader's sight. */
class TitleFinder {
  constructor(
    private readonly db: Db,
    private readonly company: CompanyContext,
    private readonly actor: Actor,
    private readonly departmentTable: string,
  ) {}

  async find(def: EntityDefinition, fields: readonly string[], rows: TrailRow[]): Promise<Titles> {
    const wanted = new Map<string, Set<string>>();
    const want = (target: string, value: unknown) => {
      if (typeof value !== "string") return;
      const ids = wanted.get(target) ?? new Set<string>();
      wanted.set(target, ids.add(value));
    };
    for (const { action, detail: d } of rows) {
      if (shareActions.includes(action)) {
        want(userEntity.key, d.user);
        want(this.departmentTable, d.department);
        continue;
      }
      for (const field of fields) {
        const target = referenceTarget(def, field);
        if (!target) continue;
        want(target, (d.before as Values | undefined)?.[field]);
        want(target, (d.after as Values | undefined)?.[field]);
      }
      if (typeof d.via === "string") {
        const [entity, id] = d.via.split("/");
        if (entity) want(entity, id);
      }
    }
    const titles: Titles = new Map();
    for (const [target, ids] of wanted) {
      for (const { id, title } of await this.#titles(target, [...ids]))
        titles.set(`${target === this.departmentTable ? "department" : target}/${id}`, title);
    }
    return titles;
  }

  async #titles(target: string, ids: string[]): Promise<{ id: string; title: string }[]> {
    const schema = this.company.schema;
    const uuids = ids.filter((i) => /^[0-9a-f-]{36}$/.test(i));
    if (uuids.length === 0) return [];
    if (target === userEntity.key || target === this.departmentTable) {
      const [table, column] =
        target === userEntity.key
          ? [userEntity.table, userEntity.titleColumn]
          : [this.departmentTable, "name"];
      return (await this.db
        .selectFrom(`${schema}.${table}`)
        .select(["id", sql<string>`${sql.ref(column)}::text`.as("title")])
        .where("id", "in", uuids)
        .execute()) as { id: string; title: string }[];
    }
    const def = this.company.meta.entities[target];
    if (!def) return [];
    return (await scopedFrom(this.db, this.company, def, this.actor)
      .select([
        `${recordAlias}.id`,
        sql<string>`${sql.ref(`${recordAlias}.${def.entity.titleField}`)}::text`.as("title"),
      ])
      .where(`${recordAlias}.id`, "in", uuids)
      .execute()) as { id: string; title: string }[];
  }
}
