import { fullCompany, type CompanyContext } from "../companies/company-context.ts";
import { ApiError } from "../http/api-error.ts";
import type { Action, RoleGrant } from "./access-grant.ts";
import { tr, verbatim, type Text } from "../i18n/text.ts";
import { entityName } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";

/** The refusals of the engine's own actions; another module's action is refused by its key. */
const refusals: Readonly<Record<Action, (entity: Text) => Text>> = {
  read: (entity) => tr("you may not read {entity} records", { entity }),
  create: (entity) => tr("you may not create {entity} records", { entity }),
  update: (entity) => tr("you may not change {entity} records", { entity }),
  delete: (entity) => tr("you may not delete {entity} records", { entity }),
  export: (entity) => tr("you may not export {entity} records", { entity }),
  import: (entity) => tr("you may not import {entity} records", { entity }),
  print: (entity) => tr("you may not print {entity} records", { entity }),
  batch: (entity) => tr("you may not run batch actions on {entity} records", { entity }),
  batchDelete: (entity) => tr("you may not batch-delete {entity} records", { entity }),
};

/** Why a user's roles refuse an action on an entity's records, the entity named by its label. */
export function actionRefused(company: CompanyContext, action: Action, entity: string): Text {
  const name = named(company, entity);
  const refusal = Object.hasOwn(refusals, action) ? refusals[action] : undefined;
  return refusal
    ? refusal(name)
    : tr('you may not "{action}" {entity} records', { action, entity: name });
}

function named(company: CompanyContext, entity: string): Text {
  const def = own(fullCompany(company).meta.entities, entity);
  return def ? entityName(def) : verbatim(entity);
}

/**
 * 403 naming every field of the body the user's roles make read-only: the
 * user sees these fields, so unlike hidden ones they are not unknown, and
 * the refusal is about rights, not about the value.
 */
export function refuseReadOnlyByRole(
  company: CompanyContext,
  grant: RoleGrant,
  entity: string,
  body: Record<string, unknown>,
): void {
  const rules = grant.entities[entity]?.fields ?? {};
  const fields = Object.keys(body).filter(
    (name) => Object.hasOwn(rules, name) && rules[name] === "readOnly",
  );
  if (fields.length === 0) return;
  throw new ApiError(
    403,
    "forbidden",
    tr("you may not change {fields} of {entity} records", {
      fields: fields.map((f) => `"${f}"`).join(", "),
      entity: named(company, entity),
    }),
    {
      fields: fields.map((field) => ({
        field,
        rule: "readOnly",
        message: tr("is read-only for you"),
      })),
    },
  );
}
