import { sql, type SqlBool } from "kysely";
import type { Actor } from "../companies/actor.ts";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError, type FieldProblem } from "../http/api-error.ts";
import { userEntity, type EntityDefinition } from "../metadata/metadata-types.ts";
import { recordAlias, scopedFrom, type Row } from "../query/record-json.ts";
import { joinTexts, tr } from "../i18n/text.ts";
import { noRecord } from "./record-texts.ts";
import { refersToRecords } from "../fields/registry.ts";

/** The refusal of a reference that breaks its field's `filterBy`, in one place for translation. */
const filterByMessage = (target: string, pairs: readonly [string, string][]) =>
  tr("must be a {entity} whose {conditions}", {
    entity: target,
    conditions: joinTexts(
      pairs.map(([key, source]) => tr("{field} is this record's {source}", { field: key, source })),
      tr(" and "),
    ),
  });

/**
 * A reference to a record that does not exist is a field error, not a
 * database error; so is one to a record the actor may not see, which must
 * not be told apart from a missing one. A reference whose field has a
 * `filterBy` must also agree with the record's other fields: activity.contact
 * `{customer: "customer"}` takes only a contact of the activity's customer.
 * It is checked when the reference or one of the fields it follows is
 * written, against the record's values after the write (`current` holds the
 * stored ones); an empty field it follows narrows nothing.
 */
export async function checkReferences(
  tx: Db,
  company: CompanyContext,
  def: EntityDefinition,
  actor: Actor,
  values: Record<string, unknown>,
  current: Row = {},
): Promise<void> {
  const problems: FieldProblem[] = [];
  const full = fullCompany(company).meta.entities[def.entity.key]!.entity.fields;
  const after = (name: string) => (name in values ? values[name] : current[name]);
  for (const [name, field] of Object.entries(def.entity.fields)) {
    if (!refersToRecords(field) || field.hidden) continue;
    const filterBy = Object.entries(full[name]?.filterBy ?? {});
    const written = name in values || filterBy.some(([, source]) => source in values);
    const value = after(name);
    if (!written || value === null || value === undefined) continue;
    if (field.entity === userEntity.key) {
      const user = await tx
        .selectFrom(`${company.schema}.${userEntity.table}`)
        .select("id")
        .where("id", "=", value)
        .executeTakeFirst();
      if (!user) problems.push(missing(name, field.entity, value));
      continue;
    }
    const target = company.meta.entities[field.entity!];
    const pairs = filterBy.filter(
      ([, source]) => after(source) !== null && after(source) !== undefined,
    );
    if (!(name in values) && pairs.length === 0) continue;
    const matches = pairs.map(
      ([key, source]) => sql<SqlBool>`${sql.ref(`${recordAlias}.${key}`)} = ${after(source)}`,
    );
    const found =
      target &&
      ((await scopedFrom(tx, company, target, actor)
        .select(`${recordAlias}.id`)
        .select(
          (matches.length > 0
            ? sql<boolean>`coalesce(${sql.join(matches, sql` and `)}, false)`
            : sql<boolean>`true`
          ).as("matches"),
        )
        .where(`${recordAlias}.id`, "=", value)
        .executeTakeFirst()) as { matches: boolean } | undefined);
    if (!found) problems.push(missing(name, field.entity!, value));
    else if (!found.matches)
      problems.push({
        field: name,
        rule: "filterBy",
        message: filterByMessage(field.entity!, pairs),
      });
  }
  if (problems.length > 0) throw ApiError.invalid(problems);
}

function missing(field: string, entity: string, value: unknown): FieldProblem {
  return { field, rule: "reference", message: noRecord(entity, String(value)) };
}

/** A new owner must be an active user of the company: else a 400 on `owner`. */
export async function requireActiveUser(tx: Db, company: CompanyContext, owner: string) {
  const user = (await tx
    .selectFrom(`${company.schema}.${userEntity.table}`)
    .select(["id", "is_active"])
    .where("id", "=", owner)
    .executeTakeFirst()) as { is_active: boolean } | undefined;
  if (user?.is_active) return;
  throw ApiError.invalidRequest([
    {
      field: "owner",
      rule: "reference",
      message: user ? tr("is a disabled user") : noRecord(tr("user"), owner),
    },
  ]);
}

/**
 * 409 when records of any entity have a restricting reference to this one
 * (hidden fields included: their data stays). Those the actor can see are
 * named and counted; the rest only said to exist, so that a refused delete
 * does not tell how many records out of the actor's sight there are.
 */
export async function refuseIfReferenced(
  tx: Db,
  company: CompanyContext,
  entity: string,
  actor: Actor,
  id: string,
): Promise<void> {
  const blockers: { entity: string; field: string; count: number }[] = [];
  let unseen = false;
  for (const [key, def] of Object.entries(fullCompany(company).meta.entities)) {
    for (const [name, field] of Object.entries(def.entity.fields)) {
      if (
        !refersToRecords(field) ||
        field.entity !== entity ||
        (field.onDelete ?? "restrict") !== "restrict"
      )
        continue;
      const { total } = (await tx
        .selectFrom(`${company.schema}.${key}`)
        .select(sql<number>`count(*)::int8`.as("total"))
        .where(name, "=", id)
        .executeTakeFirstOrThrow()) as { total: number };
      if (total === 0) continue;
      const mine = company.meta.entities[key];
      const seen =
        mine && !mine.entity.fields[name]?.hidden
          ? (
              (await scopedFrom(tx, company, mine, actor)
                .select(sql<number>`count(*)::int8`.as("seen"))
                .where(`${recordAlias}.${name}`, "=", id)
                .executeTakeFirstOrThrow()) as { seen: number }
            ).seen
          : 0;
      if (seen > 0) blockers.push({ entity: key, field: name, count: seen });
      if (total > seen) unseen = true;
    }
  }
  if (blockers.length === 0 && !unseen) return;
  const list = [
    ...blockers.map((b) =>
      tr('{count} {entity} record(s) through field "{field}"', {
        count: b.count,
        entity: b.entity,
        field: b.field,
      }),
    ),
    ...(unseen ? [tr("records you cannot see")] : []),
  ];
  throw ApiError.conflict(
    "referenced",
    tr("this {entity} cannot be deleted: {references} refer to it", {
      entity,
      references: joinTexts(list, tr(", ")),
    }),
    { references: blockers },
  );
}
