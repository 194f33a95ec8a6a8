import { Type } from "@sinclair/typebox";
import type { CoreDeps } from "../companies/core-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { documentedFrom } from "../http/documented-from.ts";
import { namedSchema } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { stringEnum } from "../http/string-enum.ts";
import { unknownEntity } from "../metadata/metadata-texts.ts";
import { own } from "../metadata/own-key.ts";
import { entityIndexes, indexStates } from "../sync/index-states.ts";

const tags = ["admin"];
const nullable = <T extends Parameters<typeof Type.Union>[0][number]>(
  schema: T,
  description: string,
) => Type.Union([schema, Type.Null()], { description });

const entityIndex = namedSchema(
  "EntityIndex",
  Type.Object({
    name: Type.String(),
    columns: Type.Array(Type.String(), { description: "Sort keys, `-` for descending." }),
    unique: Type.Boolean(),
    field: nullable(Type.String(), "The field it serves: unique, reference or `indexed`."),
    state: stringEnum(indexStates),
    phase: nullable(Type.String(), "While it builds on PostgreSQL: the build's phase."),
    progress: nullable(Type.Integer({ minimum: 0, maximum: 100 }), "How far that phase got, in %."),
    error: nullable(Type.String(), "Why its last build failed."),
  }),
);

/**
 * `GET /api/admin/entities/:entity/indexes`: the indexes of an entity's
 * table and their builds. On a big table a unique, reference or `indexed`
 * field's index is built after the change that added it, without blocking
 * anyone; until it is ready its field reads "index building".
 */
export function indexRoutes(routes: Routes, deps: CoreDeps) {
  routes.route(
    "GET",
    "/entities/:entity/indexes",
    {
      policy: "admin",
      operationId: "listEntityIndexes",
      summary:
        "The indexes of an entity's table, each ready, building (with its progress) or failed",
      tags,
      params: Type.Object({
        entity: documentedFrom(Type.String({ description: "The entity's key." }), "entityKey"),
      }),
      responses: {
        200: {
          description:
            "Every index sync keeps on the table; `fields` names the fields whose index is not ready.",
          schema: Type.Object({
            indexes: Type.Array(entityIndex),
            fields: Type.Record(Type.String(), Type.String(), {
              description: 'A field whose index is not ready: "index building" or "index failed".',
            }),
          }),
        },
      },
      errors: [404, 503],
    },
    async (c, { params: { entity } }) => {
      const { company } = c.var;
      const def = own(company.meta.entities, entity);
      if (!def) throw ApiError.notFound(unknownEntity(entity));
      const indexes = await entityIndexes(deps.database.db, company.schema, entity, def);
      const fields: Record<string, string> = {};
      for (const index of indexes)
        if (index.field && index.state !== "ready")
          fields[index.field] = index.state === "failed" ? "index failed" : "index building";
      return c.json({ indexes, fields });
    },
  );
}
