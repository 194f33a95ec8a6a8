import { Type } from "@sinclair/typebox";
import { ApiError } from "../http/api-error.ts";
import { documentedFrom } from "../http/documented-from.ts";
import type { Routes } from "../http/routes.ts";
import { listLimits } from "../query/list-limits.ts";
import { planList } from "../query/plan-list.ts";
import { RecordService } from "../records/record-service.ts";
import { tr } from "../i18n/text.ts";
import type { ModuleDeps } from "../modules/engine-module.ts";

/** Results per entity: a search box shows a few of each and the count behind them. */
const defaultPerEntity = 5;
const maxPerEntity = 20;

const groupSchema = Type.Object({
  entity: documentedFrom(Type.String(), "entityKey"),
  total: Type.Integer({
    description: `Matches, counted up to ${listLimits.exactSearchTotal.toLocaleString("en")}: beyond, \`totalKind\` is \`more\` and \`total\` ${listLimits.exactSearchTotal.toLocaleString("en")}.`,
  }),
  totalKind: Type.Union([Type.Literal("exact"), Type.Literal("more")]),
  items: Type.Array(
    Type.Object({
      id: Type.String({ format: "uuid" }),
      title: Type.Union([Type.String(), Type.Null()]),
      record: Type.Object({}),
    }),
  ),
});

/**
 * `GET /api/search?q=…&limit=5` (X8): one term over every entity the user may
 * read that has search fields, each answered by its own list statement (so
 * with the user's scope and without their hidden fields), grouped by entity
 * in menu order: `{q, groups: [{entity, total, items: [{id, title, record}]}]}`.
 */
export function searchRoutes(routes: Routes, deps: ModuleDeps) {
  routes.route(
    "GET",
    "",
    {
      policy: "session",
      operationId: "search",
      summary: "Find records of every entity you may read, grouped by entity",
      tags: ["meta"],
      query: Type.Object({
        q: Type.String({
          minLength: 1,
          maxLength: listLimits.text,
          description:
            "Text looked for, case-insensitively, in each entity's search fields and their pinyin (full or initials).",
        }),
        limit: Type.Optional(
          Type.Integer({
            minimum: 1,
            maximum: maxPerEntity,
            default: defaultPerEntity,
            description: "Records per entity.",
          }),
        ),
      }),
      responses: {
        200: {
          description: "Entities with matches, in menu order.",
          schema: Type.Object({ q: Type.String(), groups: Type.Array(groupSchema) }),
        },
      },
      errors: [503],
    },
    async (c, { query }) => {
      const { company, actor } = c.var;
      const q = query.q.trim();
      if (q === "") throw ApiError.badRequest(tr("q is required: the text to look for"), { q: "" });
      const limit = String(query.limit ?? defaultPerEntity);
      const menuOrder = company.meta.modules.modules.flatMap((m) => m.menu.map((i) => i.entity));
      const entities = Object.values(company.meta.entities)
        .filter((def) => (def.entity.search ?? []).length > 0)
        .sort((a, b) => rank(menuOrder, a.entity.key) - rank(menuOrder, b.entity.key));
      const groups = await Promise.all(
        entities.map(async (def) => {
          const records = new RecordService(
            deps.records,
            company,
            def.entity.key,
            actor,
            deps.records.trail(c),
          );
          const plan = planList(company, def, { q, limit });
          const { items, total, totalKind } = await records.list(plan);
          return {
            entity: def.entity.key,
            total,
            totalKind,
            items: items.map((record) => ({
              id: record.id,
              title: record[def.entity.titleField] ?? null,
              record,
            })),
          };
        }),
      );
      return c.json({ q, groups: groups.filter((g) => g.items.length > 0) });
    },
  );
}

function rank(order: string[], key: string): number {
  const i = order.indexOf(key);
  return i === -1 ? order.length : i;
}
