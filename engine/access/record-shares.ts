import { sql } from "kysely";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { departmentTable } from "../org/org-tables.ts";
import type { RecordService } from "../records/record-service.ts";
import { shareTable } from "./share-table.ts";
import { tr } from "../i18n/text.ts";
import { noRecord } from "../records/record-texts.ts";
import { systemTables } from "../db/system-tables.ts";

export type ShareAccess = "read" | "edit";

export interface ShareTarget {
  user?: string;
  department?: string;
  access: ShareAccess;
  /** A department share that also reaches every department below it. */
  subDepartments?: boolean;
}

export interface ShareJson {
  id: string;
  user: { id: string; displayName: string } | null;
  department: { id: string; name: string } | null;
  access: ShareAccess;
  subDepartments: boolean;
  createdAt: string;
}

/**
 * A record's shares (C5): who beyond the owner's scope may read it, or edit
 * it. Reading them needs sight of the record; changing them is the owner's
 * and the role scope's right (not a sharee's), and bumps its version.
 */
export class RecordShares {
  constructor(
    private readonly db: Db,
    private readonly company: CompanyContext,
    private readonly entity: string,
    private readonly records: RecordService,
    private readonly newId: () => string,
    private readonly now: () => Date,
  ) {}

  async list(id: string): Promise<ShareJson[]> {
    await this.records.requireVisible(this.db, id);
    return this.#list(this.db, id);
  }

  /** Shares with a user or department, or changes the access (and reach) of an existing share with them. */
  async add(
    id: string,
    target: ShareTarget,
    expectedVersion: number | undefined,
    actorId: string,
    audit: (tx: Db) => Promise<void>,
  ): Promise<ShareJson> {
    return this.db.transaction().execute(async (tx) => {
      await this.records.touch(tx, id, expectedVersion);
      await this.#checkTarget(tx, target);
      const existing = await systemTables(tx, this.company.schema)
        .selectFrom(shareTable)
        .select("id")
        .where("entity", "=", this.entity)
        .where("record_id", "=", id)
        .where(target.user ? "user_id" : "department_id", "=", target.user ?? target.department!)
        .executeTakeFirst();
      const shareId = existing?.id ?? this.newId();
      if (existing) {
        await systemTables(tx, this.company.schema)
          .updateTable(shareTable)
          .set({ access: target.access, sub_departments: !!target.subDepartments })
          .where("id", "=", shareId)
          .execute();
      } else {
        await systemTables(tx, this.company.schema)
          .insertInto(shareTable)
          .values({
            id: shareId,
            entity: this.entity,
            record_id: id,
            user_id: target.user ?? null,
            department_id: target.department ?? null,
            access: target.access,
            sub_departments: !!target.subDepartments,
            created_by: actorId,
            created_at: this.now(),
          })
          .execute();
      }
      await audit(tx);
      return (await this.#list(tx, id)).find((s) => s.id === shareId)!;
    });
  }

  async remove(
    id: string,
    shareId: string,
    expectedVersion: number | undefined,
    audit: (tx: Db, removed: ShareJson) => Promise<void>,
  ): Promise<void> {
    await this.db.transaction().execute(async (tx) => {
      await this.records.touch(tx, id, expectedVersion);
      const share = (await this.#list(tx, id)).find((s) => s.id === shareId);
      if (!share)
        throw ApiError.notFound(
          tr("this {entity} has no share {share}", { entity: this.entity, share: shareId }),
        );
      await systemTables(tx, this.company.schema)
        .deleteFrom(shareTable)
        .where("id", "=", shareId)
        .execute();
      await audit(tx, share);
    });
  }

  async #checkTarget(tx: Db, target: ShareTarget): Promise<void> {
    const [table, id, what] = target.user
      ? (["sys_user", target.user, "user"] as const)
      : ([departmentTable, target.department!, "department"] as const);
    const found = await systemTables(tx, this.company.schema)
      .selectFrom(table)
      .select("id")
      .where("id", "=", id)
      .executeTakeFirst();
    if (!found) {
      throw ApiError.invalidRequest([
        {
          field: what,
          rule: "reference",
          message: noRecord(what === "user" ? tr("user") : tr("department"), id),
        },
      ]);
    }
  }

  async #list(db: Db, id: string): Promise<ShareJson[]> {
    const schema = this.company.schema;
    const rows = await systemTables(db, schema)
      .selectFrom("sys_share as s")
      .leftJoin("sys_user as u", "u.id", "s.user_id")
      .leftJoin("sys_department as d", "d.id", "s.department_id")
      .select([
        "s.id",
        "s.user_id",
        "u.display_name",
        "s.department_id",
        "d.name",
        "s.access",
        "s.sub_departments",
        sql<string>`s.created_at`.as("created_at"),
      ])
      .where("s.entity", "=", this.entity)
      .where("s.record_id", "=", id)
      .orderBy("s.created_at")
      .orderBy("s.id")
      .execute();
    return rows.map((r) => ({
      id: r.id,
      user: r.user_id ? { id: r.user_id, displayName: r.display_name! } : null,
      department: r.department_id ? { id: r.department_id, name: r.name! } : null,
      access: r.access,
      subDepartments: r.sub_departments,
      createdAt: new Date(r.created_at).toISOString(),
    }));
  }
}
