import { Type } from "@sinclair/typebox";
import { uuidSource } from "../fields/uuid-pattern.ts";
import { stringEnum } from "../http/string-enum.ts";
import type { RecordRoutesExtension } from "../records/record-routes.ts";
import { findDuplicates } from "../records/find-duplicates.ts";
import { duplicateMode } from "../records/refuse-duplicates.ts";

const recordId = Type.String({ format: "uuid", pattern: `^${uuidSource}$` });

const duplicatesBody = Type.Object(
  {
    values: Type.Record(
      Type.String({ maxLength: 60 }),
      Type.Union([Type.String({ maxLength: 2000 }), Type.Null()]),
      {
        maxProperties: 100,
        description: "The form's values as typed; only the entity's duplicate fields are compared.",
      },
    ),
    except: Type.Optional({
      ...recordId,
      description: "The record being edited, which is no duplicate of itself.",
    }),
  },
  { additionalProperties: false },
);

const duplicatesAnswer = Type.Object({
  mode: stringEnum(["off", "warn", "block"] as const, {
    description: "What the company does with a duplicate: off (no check), warn, or block the save.",
  }),
  duplicates: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      record: Type.Record(Type.String(), Type.Unknown()),
      fields: Type.Array(Type.String(), {
        description: "The fields given whose value this record holds too.",
      }),
    }),
  ),
  hidden: Type.Integer({
    description: "Matching records the user may not see (counted up to 1,000).",
  }),
});

/**
 * `POST /api/data/:entity/duplicates`: the records that the values of a
 * form being filled may duplicate, as the user may see them; the form asks
 * as the identifying fields are typed, and warns or blocks as the company
 * chose (the create and the update refuse a blocked duplicate themselves).
 */
export const duplicateRoutes: RecordRoutesExtension = (routes, service, deps) => {
  routes.route(
    "POST",
    "/:entity/duplicates",
    {
      policy: "session",
      perEntity: true,
      operationId: "findDuplicates",
      summary: "Possible duplicates of {aLabel} being entered",
      tags: [],
      body: duplicatesBody,
      responses: {
        200: { description: "The matching records the user may see.", schema: duplicatesAnswer },
      },
      errors: [503],
    },
    async (c, { body }) => {
      const records = service(c);
      const entity = records.definition.entity.key;
      const mode = duplicateMode(c.var.company, entity);
      if (!mode) return c.json({ mode: "off", duplicates: [], hidden: 0 });
      const found = await findDuplicates(
        deps.database.db,
        c.var.company,
        entity,
        c.var.actor,
        body.values,
        body.except,
      );
      return c.json({
        mode,
        duplicates: found.matches.map(({ record, fields }) => ({ id: record.id, record, fields })),
        hidden: found.hidden,
      });
    },
  );
};
