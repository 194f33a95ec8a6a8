import { Type } from "@sinclair/typebox";
import { fullCompany } from "../companies/company-context.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { ApiError } from "../http/api-error.ts";
import { documentedFrom } from "../http/documented-from.ts";
import { withProblemText } from "../http/problem-text.ts";
import type { Routes } from "../http/routes.ts";
import { own } from "../metadata/own-key.ts";
import { accessExplanationSchema } from "./access-explanation.ts";
import { explainAccess } from "./explain-access.ts";
import { tr, type Text } from "../i18n/text.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";

const id = (description: string, problem: () => Text) =>
  withProblemText(Type.String({ pattern: `^${uuidSource}$`, description }), problem);

/**
 * `GET /api/admin/access/why?user=&entity=&id=` (admins): whether a user can
 * see, change and delete a record, and why, in words of both languages.
 */
export function whyRoutes(routes: Routes, deps: ModuleDeps) {
  routes.route(
    "GET",
    "/why",
    {
      policy: "admin",
      operationId: "explainAccess",
      summary: "Whether a user can see, change and delete a record, and why",
      description:
        "Admin, roles and the module, each granting role's scope measured against the owner's current department, and shares, in words of both languages. The verdict is asked of the statements that enforce it, as the user.",
      tags: ["admin"],
      query: Type.Object({
        user: id("The user's id.", () => tr("must be a user id")),
        entity: documentedFrom(
          Type.String({ minLength: 1, description: "The entity's key." }),
          "entityKey",
        ),
        id: id("The record's id.", () => tr("must be a record id")),
      }),
      responses: {
        200: { description: "The verdicts and their reasons.", schema: accessExplanationSchema },
      },
      errors: [404, 503],
    },
    async (c, { query: { user, entity, id } }) => {
      const def = own(fullCompany(c.var.company).meta.entities, entity);
      if (!def) throw ApiError.notFound(unknownEntity(entity));
      return c.json(await explainAccess(deps.database.db, c.var.company, def, user, id));
    },
  );
}
