import { sql } from "kysely";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { departmentTable } from "../org/org-tables.ts";
import { recordAlias, scopedFrom } from "../query/record-json.ts";
import type { Scope } from "./access-grant.ts";
import { loadAccess } from "./load-access.ts";
import { restrictCompany } from "./restrict-company.ts";
import type { ScopePurpose } from "./record-scope.ts";
import { noRecord } from "../records/record-texts.ts";
import { tr } from "../i18n/text.ts";
import type { AccessExplanation, Person, Reason } from "./access-explanation.ts";
import { systemTables } from "../db/system-tables.ts";

/**
 * Why a user can or cannot see a record, in words: admin, roles and the
 * module, each granting role's scope measured against the owner's current
 * department, and shares. Whether the user sees it is not worked out here
 * but asked of the very statements that enforce it (as the user), so the
 * words can be wrong only in a way a test notices, never the verdict.
 */
export async function explainAccess(
  db: Db,
  company: CompanyContext,
  def: EntityDefinition,
  userId: string,
  recordId: string,
): Promise<AccessExplanation> {
  const full = fullCompany(company);
  const schema = full.schema;
  const entity = def.entity.key;
  const user = await person(db, schema, userId);
  if (!user) throw ApiError.notFound(noRecord(tr("user"), userId));
  const row = (await db
    .selectFrom(`${schema}.${entity}`)
    .select([
      "id",
      "owner",
      sql<string | null>`${sql.ref(def.entity.titleField)}::text`.as("title"),
    ])
    .where("id", "=", recordId)
    .executeTakeFirst()) as { id: string; owner: string | null; title: string | null } | undefined;
  if (!row) throw ApiError.notFound(noRecord(entity, recordId));
  const owner = row.owner ? ((await person(db, schema, row.owner)) ?? null) : null;

  const { actor, grant } = await loadAccess(db, schema, { id: user.id, isAdmin: user.isAdmin });
  const view = restrictCompany(full, grant);
  const viewDef = view.meta.entities[entity];
  const can = async (purpose: ScopePurpose) =>
    !!viewDef &&
    !!(await scopedFrom(db, view, viewDef, actor, purpose)
      .select(`${recordAlias}.id`)
      .where(`${recordAlias}.id`, "=", recordId)
      .executeTakeFirst());
  const actions = grant.kind === "all" ? undefined : grant.entities[entity]?.actions;
  // A disabled user's requests all answer 401: whatever their roles say, they see nothing.
  const visible = user.isActive && (await can("read"));
  const canUpdate = user.isActive && (actions?.has("update") ?? true) && (await can("update"));
  const canDelete = user.isActive && (actions?.has("delete") ?? true) && (await can("delete"));
  const canManage = user.isActive && (actions?.has("update") ?? true) && (await can("manage"));

  const reasons: Reason[] = [];
  const say = (code: string, grants: boolean, en: string, zh: string) =>
    reasons.push({ code, grants, en, "zh-CN": zh });
  if (!user.isActive)
    say(
      "disabled",
      false,
      `${user.displayName} is disabled and cannot sign in.`,
      `${user.displayName} 已停用，无法登录。`,
    );
  if (user.isAdmin) {
    say(
      "admin",
      true,
      `${user.displayName} is a company admin: admins see and change every record.`,
      `${user.displayName} 是公司管理员：管理员可查看和修改所有记录。`,
    );
  } else {
    await explainRoles(db, schema, def, user, owner, row.owner, say);
    await explainShares(db, schema, entity, recordId, user, say);
  }
  return {
    user,
    record: { entity, id: row.id, title: row.title, owner },
    visible,
    canUpdate,
    canDelete,
    canManage,
    reasons,
  };
}

type Say = (code: string, grants: boolean, en: string, zh: string) => void;

async function explainRoles(
  db: Db,
  schema: string,
  def: EntityDefinition,
  user: Person,
  owner: Person | null,
  ownerId: string | null,
  say: Say,
) {
  const entity = def.entity.key;
  const module = def.entity.module;
  const label = {
    en: (def.labels.en.plural ?? entity).toLowerCase(),
    zh: def.labels["zh-CN"].entity ?? entity,
  };
  const roles = await systemTables(db, schema)
    .selectFrom("sys_user_role as ur")
    .innerJoin("sys_role as r", "r.id", "ur.role_id")
    .select(["r.name", "r.permissions"])
    .where("ur.user_id", "=", user.id)
    .orderBy(sql`r.key collate "C"`)
    .execute();
  if (roles.length === 0) {
    say(
      "noRoles",
      false,
      `${user.displayName} has no role, so sees no records at all.`,
      `${user.displayName} 没有任何角色，因此看不到任何记录。`,
    );
    return;
  }
  const showing = roles.filter((r) => r.permissions.modules?.includes(module));
  if (showing.length === 0) {
    say(
      "moduleHidden",
      false,
      `None of ${user.displayName}'s roles (${roles.map((r) => r.name).join(", ")}) shows the module "${module}".`,
      `${user.displayName} 的角色（${roles.map((r) => r.name).join("、")}）都未开放模块“${module}”。`,
    );
    return;
  }
  const reading = showing.filter((r) =>
    r.permissions.entities?.[entity]?.actions?.includes("read"),
  );
  if (reading.length === 0) {
    say(
      "entityNotGranted",
      false,
      `No role of ${user.displayName} grants reading ${label.en}.`,
      `${user.displayName} 的角色都未授予读取“${label.zh}”的权限。`,
    );
    return;
  }
  const tree = await departmentParents(db, schema);
  for (const role of reading) {
    const scope = role.permissions.entities![entity]!.scope as Scope;
    const [grants, en, zh] = scopeVerdict(scope, user, owner, ownerId, tree);
    say(
      `scope.${scope}`,
      grants,
      `Role "${role.name}" grants ${label.en} with scope "${scope}": ${en}`,
      `角色“${role.name}”以范围“${scopeNames[scope]}”授予“${label.zh}”：${zh}`,
    );
  }
}

const scopeNames: Record<Scope, string> = {
  own: "本人",
  department: "本部门",
  departmentTree: "本部门及下级部门",
  all: "全部",
};

function scopeVerdict(
  scope: Scope,
  user: Person,
  owner: Person | null,
  ownerId: string | null,
  parents: Map<string, string | null>,
): [boolean, string, string] {
  const who = owner?.displayName ?? "nobody";
  if (scope === "all") return [true, "every record.", "所有记录。"];
  if (ownerId === user.id)
    return [
      true,
      `${user.displayName} owns this record.`,
      `该记录的负责人就是 ${user.displayName}。`,
    ];
  if (scope === "own")
    return [
      false,
      `only their own records, and this one belongs to ${who}.`,
      `仅限本人的记录，而该记录的负责人是 ${who}。`,
    ];
  const mine = user.department;
  const theirs = owner?.department ?? null;
  if (!mine)
    return [
      false,
      `${user.displayName} is in no department, so only their own records count.`,
      `${user.displayName} 不属于任何部门，因此只算本人的记录。`,
    ];
  if (theirs?.id === mine.id)
    return [
      true,
      `the owner ${who} is in ${user.displayName}'s department "${mine.name}".`,
      `负责人 ${who} 与 ${user.displayName} 同在部门“${mine.name}”。`,
    ];
  if (scope === "departmentTree" && theirs && isBelow(theirs.id, mine.id, parents))
    return [
      true,
      `the owner ${who} is in "${theirs.name}", below ${user.displayName}'s department "${mine.name}".`,
      `负责人 ${who} 所在部门“${theirs.name}”是 ${user.displayName} 的部门“${mine.name}”的下级。`,
    ];
  const where = theirs ? `"${theirs.name}"` : "no department";
  const whereZh = theirs ? `“${theirs.name}”` : "无部门";
  return [
    false,
    `the owner ${who} is in ${where}, outside "${mine.name}"${scope === "departmentTree" ? " and its sub-departments" : ""}.`,
    `负责人 ${who} 属于${whereZh}，不在“${mine.name}”${scope === "departmentTree" ? "及其下级部门" : ""}内。`,
  ];
}

function isBelow(id: string, ancestor: string, parents: Map<string, string | null>): boolean {
  for (
    let at = parents.get(id) ?? null, steps = 0;
    at && steps < 1000;
    at = parents.get(at) ?? null, steps++
  )
    if (at === ancestor) return true;
  return false;
}

async function departmentParents(db: Db, schema: string): Promise<Map<string, string | null>> {
  const rows = await systemTables(db, schema)
    .selectFrom(departmentTable)
    .select(["id", "parent_id"])
    .execute();
  return new Map(rows.map((r) => [r.id, r.parent_id]));
}

async function explainShares(
  db: Db,
  schema: string,
  entity: string,
  recordId: string,
  user: Person,
  say: Say,
) {
  const shares = await systemTables(db, schema)
    .selectFrom("sys_share as s")
    .leftJoin("sys_department as d", "d.id", "s.department_id")
    .select(["s.user_id", "s.department_id", "d.name", "s.access", "s.sub_departments"])
    .where("s.entity", "=", entity)
    .where("s.record_id", "=", recordId)
    .execute();
  const parents = shares.some((s) => s.sub_departments)
    ? await departmentParents(db, schema)
    : new Map<string, string | null>();
  const mine = user.department;
  let found = false;
  for (const s of shares) {
    const access =
      s.access === "edit" ? ["to read and edit", "可查看和编辑"] : ["to read", "可查看"];
    // Said with every share that opens the record: what it does not give.
    const limits = [
      " A share never lets them delete, reassign or share the record.",
      "共享不允许删除、转移或再共享该记录。",
    ];
    if (s.user_id === user.id) {
      found = true;
      say(
        "share.user",
        true,
        `The record is shared with ${user.displayName} ${access[0]}.${limits[0]}`,
        `该记录已共享给 ${user.displayName}（${access[1]}）。${limits[1]}`,
      );
    } else if (s.department_id && s.department_id === user.department?.id) {
      found = true;
      say(
        "share.department",
        true,
        `The record is shared with ${user.displayName}'s department "${s.name}" ${access[0]}.${limits[0]}`,
        `该记录已共享给 ${user.displayName} 所在部门“${s.name}”（${access[1]}）。${limits[1]}`,
      );
    } else if (
      s.sub_departments &&
      s.department_id &&
      mine &&
      isBelow(mine.id, s.department_id, parents)
    ) {
      found = true;
      say(
        "share.subDepartment",
        true,
        `The record is shared with "${s.name}" and its sub-departments ${access[0]}; ${user.displayName}'s department "${mine.name}" is below it.${limits[0]}`,
        `该记录已共享给部门“${s.name}”及其下级部门（${access[1]}），${user.displayName} 所在部门“${mine.name}”是其下级。${limits[1]}`,
      );
    }
  }
  if (!found)
    say(
      "share.none",
      false,
      `The record is not shared with ${user.displayName} or their department.`,
      `该记录未共享给 ${user.displayName} 或其所在部门。`,
    );
}

async function person(
  db: Db,
  schema: string,
  id: string,
): Promise<(Person & { username: string; isAdmin: boolean; isActive: boolean }) | undefined> {
  const row = await systemTables(db, schema)
    .selectFrom("sys_user as u")
    .leftJoin("sys_department as d", "d.id", "u.department_id")
    .select([
      "u.id",
      "u.username",
      "u.display_name",
      "u.is_admin",
      "u.is_active",
      "d.id as department_id",
      "d.name as department_name",
    ])
    .where("u.id", "=", id)
    .executeTakeFirst();
  if (!row) return undefined;
  return {
    id: row.id,
    username: row.username,
    displayName: row.display_name,
    isAdmin: row.is_admin,
    isActive: row.is_active,
    department: row.department_id ? { id: row.department_id, name: row.department_name! } : null,
  };
}
