import type { Actor } from "../companies/actor.ts";
import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import { entityName } from "../metadata/metadata-texts.ts";
import { findDuplicates, type Duplicates } from "./find-duplicates.ts";

/** Whether the company checks this entity for duplicates, and how. */
export function duplicateMode(
  company: CompanyContext,
  entity: string,
): "warn" | "block" | undefined {
  if (company.meta.options.duplicateCheck === false) return undefined;
  const check = fullCompany(company).meta.entities[entity]?.entity.duplicateCheck;
  return check && check.fields.length > 0 ? check.mode : undefined;
}

/**
 * Refuses a write with 409 `duplicate_record` when the company blocks
 * duplicates of this entity and `values` (the record as it would be) share
 * a normalised key with another record: those the actor may see are named,
 * the others only counted, so a refusal never tells a name the actor may
 * not read.
 */
export async function refuseDuplicates(
  tx: Db,
  company: CompanyContext,
  entity: string,
  actor: Actor,
  values: Readonly<Record<string, unknown>>,
  except?: string,
): Promise<void> {
  if (duplicateMode(company, entity) !== "block") return;
  const found = await findDuplicates(tx, company, entity, actor, values, except);
  if (found.matches.length === 0 && found.hidden === 0) return;
  throw ApiError.conflict("duplicate_record", refusal(company, entity, found), {
    duplicates: found.matches.map(({ record, fields }) => ({ id: record.id, record, fields })),
    hidden: found.hidden,
  });
}

function refusal(company: CompanyContext, entity: string, found: Duplicates) {
  const def = company.meta.entities[entity]!;
  const title = def.entity.titleField;
  const records = found.matches.map((m) => String(m.record[title] ?? m.record.id)).join(", ");
  const name = entityName(def);
  if (found.hidden === 0)
    return tr("this {entity} already exists: {records}", { entity: name, records });
  if (found.matches.length === 0)
    return tr(
      "this {entity} already exists: {count} records you may not see hold the same values; ask your administrator",
      { entity: name, count: found.hidden },
    );
  return tr("this {entity} already exists: {records}, and {count} records you may not see", {
    entity: name,
    records,
    count: found.hidden,
  });
}
