import { fullCompany } from "../companies/company-context.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import type { Routes } from "../http/routes.ts";
import { own } from "../metadata/own-key.ts";
import { explainAccess } from "./explain-access.ts";
import { tr } from "../i18n/text.ts";
import { fieldTexts } from "../http/field-texts.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";

const uuid = new RegExp(`^${uuidSource}$`);

/**
 * `GET /api/admin/access/why?user=&entity=&id=` (admins): whether a user can
 * see, change and delete a record, and why, in words of both languages.
 */
export function whyRoutes(routes: Routes, deps: ModuleDeps) {
  routes.get("/why", "admin", async (c) => {
    const { user, entity, id } = c.req.query();
    const problems = [
      ...(user && uuid.test(user)
        ? []
        : [{ field: "user", rule: "format", message: tr("must be a user id") }]),
      ...(entity ? [] : [{ field: "entity", rule: "required", message: fieldTexts.required() }]),
      ...(id && uuid.test(id)
        ? []
        : [{ field: "id", rule: "format", message: tr("must be a record id") }]),
    ];
    if (problems.length > 0) throw ApiError.invalidRequest(problems);
    const def = own(fullCompany(c.var.company).meta.entities, entity!);
    if (!def) throw ApiError.notFound(unknownEntity(entity!));
    return c.json(await explainAccess(deps.database.db, c.var.company, def, user!, id!));
  });
}
