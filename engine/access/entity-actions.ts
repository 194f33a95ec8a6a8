import type { CompanyContext } from "../companies/company-context.ts";
import { ApiError } from "../http/api-error.ts";
import type { Action } from "./access-grant.ts";

const verbs: Record<Action, string> = {
  read: "read",
  create: "create",
  update: "change",
  delete: "delete",
  export: "export",
  import: "import",
  print: "print",
  batch: "run batch actions on",
  batchDelete: "batch-delete",
};

/** 403 unless the user's roles grant this action on the entity. */
export function requireAction(company: CompanyContext, entity: string, action: Action): void {
  const { access } = company;
  if (access.kind === "all" || access.entities[entity]?.actions.has(action)) return;
  throw ApiError.forbidden(`you may not ${verbs[action]} ${entity} records`);
}

/**
 * 403 naming every field of the body the user's roles make read-only: the
 * user sees these fields, so unlike hidden ones they are not unknown, and
 * the refusal is about rights, not about the value.
 */
export function refuseReadOnlyByRole(
  company: CompanyContext,
  entity: string,
  body: Record<string, unknown>,
): void {
  const { access } = company;
  if (access.kind === "all") return;
  const rules = access.entities[entity]?.fields ?? {};
  const fields = Object.keys(body).filter(
    (name) => Object.hasOwn(rules, name) && rules[name] === "readOnly",
  );
  if (fields.length === 0) return;
  throw new ApiError(
    403,
    "forbidden",
    `you may not change ${fields.map((f) => `"${f}"`).join(", ")} of ${entity} records`,
    {
      fields: fields.map((field) => ({ field, rule: "readOnly", message: "is read-only for you" })),
    },
  );
}
