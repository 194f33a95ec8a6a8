import { sql } from "kysely";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { ScopePurpose } from "../companies/record-policy.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { departmentTable } from "../org/org-tables.ts";
import type { RolePermissions } from "../org/role-permissions.ts";
import { roleTable, userRoleTable } from "../org/role-tables.ts";
import { recordAlias, scopedFrom } from "../query/record-json.ts";
import type { Scope } from "./access-grant.ts";
import { loadAccess } from "./load-access.ts";
import { restrictCompany } from "./restrict-company.ts";
import { shareTable } from "./share-table.ts";
import { noRecord } from "../records/record-texts.ts";
import { inEveryLocale, joinTexts, tr, verbatim, type Text } from "../i18n/text.ts";
import { entitiesName } from "../metadata/metadata-texts.ts";
import type { AccessExplanation, Person, Reason } from "./access-explanation.ts";

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
  const say: Say = (code, grants, text) => reasons.push({ code, grants, ...inEveryLocale(text) });
  const name = user.displayName;
  if (!user.isActive)
    say("disabled", false, tr("{user} is disabled and cannot sign in.", { user: name }));
  if (user.isAdmin) {
    say(
      "admin",
      true,
      tr("{user} is a company admin: admins see and change every record.", { user: name }),
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

/** Adds a reason, in the words of every locale. */
type Say = (code: string, grants: boolean, text: Text) => void;

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
  const records = entitiesName(def);
  const name = user.displayName;
  const roles = (await db
    .selectFrom(`${schema}.${userRoleTable} as ur`)
    .innerJoin(`${schema}.${roleTable} as r`, "r.id", "ur.role_id")
    .select(["r.name", "r.permissions"])
    .where("ur.user_id", "=", user.id)
    .orderBy(sql`r.key collate "C"`)
    .execute()) as { name: string; permissions: RolePermissions }[];
  if (roles.length === 0) {
    say("noRoles", false, tr("{user} has no role, so sees no records at all.", { user: name }));
    return;
  }
  const showing = roles.filter((r) => r.permissions.modules?.includes(module));
  if (showing.length === 0) {
    say(
      "moduleHidden",
      false,
      tr('None of {user}\'s roles ({roles}) shows the module "{module}".', {
        user: name,
        roles: joinTexts(
          roles.map((r) => verbatim(r.name)),
          tr(", "),
        ),
        module,
      }),
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
      tr('No role of {user} grants reading "{entity}".', { user: name, entity: records }),
    );
    return;
  }
  const tree = await departmentParents(db, schema);
  for (const role of reading) {
    const scope = role.permissions.entities![entity]!.scope as Scope;
    const [grants, verdict] = scopeVerdict(scope, user, owner, ownerId, tree);
    say(
      `scope.${scope}`,
      grants,
      tr('Role "{role}" grants "{entity}" with scope "{scope}": {verdict}', {
        role: role.name,
        entity: records,
        scope: scopeNames[scope],
        verdict,
      }),
    );
  }
}

const scopeNames: Record<Scope, Text> = {
  own: tr("own records"),
  department: tr("own department"),
  departmentTree: tr("own department and below"),
  all: tr("all records"),
};

function scopeVerdict(
  scope: Scope,
  user: Person,
  owner: Person | null,
  ownerId: string | null,
  parents: Map<string, string | null>,
): [boolean, Text] {
  const params = { user: user.displayName, owner: owner?.displayName ?? tr("nobody") };
  if (scope === "all") return [true, tr("every record.")];
  if (ownerId === user.id) return [true, tr("{user} owns this record.", params)];
  if (scope === "own")
    return [false, tr("only their own records, and this one belongs to {owner}.", params)];
  const mine = user.department;
  const theirs = owner?.department ?? null;
  if (!mine)
    return [false, tr("{user} is in no department, so only their own records count.", params)];
  const inDepartments = { ...params, department: mine.name };
  if (theirs?.id === mine.id)
    return [
      true,
      tr('the owner {owner} is in {user}\'s department "{department}".', inDepartments),
    ];
  if (scope === "departmentTree" && theirs && isBelow(theirs.id, mine.id, parents))
    return [
      true,
      tr(
        'the owner {owner} is in "{ownerDepartment}", below {user}\'s department "{department}".',
        {
          ...inDepartments,
          ownerDepartment: theirs.name,
        },
      ),
    ];
  const outside = {
    ...inDepartments,
    where: theirs ? tr('"{department}"', { department: theirs.name }) : tr("no department"),
  };
  return [
    false,
    scope === "departmentTree"
      ? tr(
          'the owner {owner} is in {where}, outside "{department}" and its sub-departments.',
          outside,
        )
      : tr('the owner {owner} is in {where}, outside "{department}".', outside),
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
  const rows = (await db
    .selectFrom(`${schema}.${departmentTable}`)
    .select(["id", "parent_id"])
    .execute()) as { id: string; parent_id: string | null }[];
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
  const shares = (await db
    .selectFrom(`${schema}.${shareTable} as s`)
    .leftJoin(`${schema}.${departmentTable} as d`, "d.id", "s.department_id")
    .select(["s.user_id", "s.department_id", "d.name", "s.access", "s.sub_departments"])
    .where("s.entity", "=", entity)
    .where("s.record_id", "=", recordId)
    .execute()) as {
    user_id: string | null;
    department_id: string | null;
    name: string | null;
    access: string;
    sub_departments: boolean;
  }[];
  const parents = shares.some((s) => s.sub_departments)
    ? await departmentParents(db, schema)
    : new Map<string, string | null>();
  const mine = user.department;
  let found = false;
  for (const s of shares) {
    const params = {
      user: user.displayName,
      access: s.access === "edit" ? tr("to read and edit") : tr("to read"),
      // Said with every share that opens the record: what it does not give.
      limits: tr("A share never lets them delete, reassign or share the record."),
    };
    if (s.user_id === user.id) {
      found = true;
      say("share.user", true, tr("The record is shared with {user} {access}. {limits}", params));
    } else if (s.department_id && s.department_id === user.department?.id) {
      found = true;
      say(
        "share.department",
        true,
        tr('The record is shared with {user}\'s department "{department}" {access}. {limits}', {
          ...params,
          department: s.name ?? "",
        }),
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
        tr(
          'The record is shared with "{department}" and its sub-departments {access}; {user}\'s department "{own}" is below it. {limits}',
          { ...params, department: s.name ?? "", own: mine.name },
        ),
      );
    }
  }
  if (!found)
    say(
      "share.none",
      false,
      tr("The record is not shared with {user} or their department.", { user: user.displayName }),
    );
}

async function person(
  db: Db,
  schema: string,
  id: string,
): Promise<(Person & { username: string; isAdmin: boolean; isActive: boolean }) | undefined> {
  const row = (await db
    .selectFrom(`${schema}.sys_user as u`)
    .leftJoin(`${schema}.${departmentTable} as d`, "d.id", "u.department_id")
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
    .executeTakeFirst()) as
    | {
        id: string;
        username: string;
        display_name: string;
        is_admin: boolean;
        is_active: boolean;
        department_id: string | null;
        department_name: string | null;
      }
    | undefined;
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
