import type { CompanyContext } from "../companies/company-context.ts";
import { ApiError } from "../http/api-error.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { limitExceeded, listLimits } from "./list-limits.ts";
import { decodeCursor } from "./list-cursor.ts";
import {
  freezePlan,
  type ListPlan,
  type Predicate,
  type SortKey,
  type TotalMode,
} from "./list-plan.ts";
import { planFilter } from "./plan-filter.ts";
import { planQuickSearch } from "./quick-search.ts";
import { isSortable, queryableField } from "./queryable-fields.ts";
import { tr } from "../i18n/text.ts";
import { unknownField } from "../metadata/metadata-texts.ts";

/** The query string of `GET /api/data/:entity`, as received. */
export interface ListQuery {
  filter?: string | undefined;
  sort?: string | undefined;
  q?: string | undefined;
  limit?: string | undefined;
  offset?: string | undefined;
  /** A `next` cursor of an earlier answer: the page after that one (keyset). */
  after?: string | undefined;
  total?: string | undefined;
}

const totalModes = ["exact", "estimate", "none"] as const;

/** Request + effective metadata → an immutable plan; every mistake is a 400 that names it. */
export function planList(
  company: CompanyContext,
  def: EntityDefinition,
  query: ListQuery,
): ListPlan {
  const where: Predicate[] = [];
  if (query.filter !== undefined && query.filter !== "") {
    let tree: unknown;
    try {
      tree = JSON.parse(query.filter);
    } catch {
      throw new ApiError(400, "bad_filter", tr("filter is not valid JSON"), { path: "/" });
    }
    where.push(planFilter(tree, def, company.fieldContext, company.settings.timezone));
  }
  const search = planQuickSearch(def, query.q, {
    filling: company.searchFilling.has(def.entity.key),
    share: (tokens) => company.searchTokens.share(def.entity.key, tokens),
  });
  if (search) where.push(search);
  const sort = planSort(def, query.sort);
  const after = query.after === undefined || query.after === "" ? null : query.after;
  if (after !== null && query.offset !== undefined && query.offset !== "")
    throw ApiError.badRequest(
      tr(
        "after and offset cannot go together: after continues from a row, offset counts from the start",
      ),
      { after: after.slice(0, 20), offset: query.offset.slice(0, 20) },
    );
  return freezePlan({
    entity: def.entity.key,
    where: where.length === 1 ? where[0]! : { kind: "and", items: where },
    sort,
    limit: pagingNumber(query.limit, "limit", listLimits.defaultLimit, listLimits.limit, 1),
    offset: pagingNumber(query.offset, "offset", 0, listLimits.offset, 0),
    after: after === null ? null : decodeCursor(after, def, sort, company.fieldContext),
    total: planTotal(query.total),
    autoTotal: search
      ? { upTo: listLimits.exactSearchTotal, beyond: "more" }
      : { upTo: listLimits.exactTotal, beyond: "estimate" },
  });
}

function planTotal(total: string | undefined): TotalMode {
  if (total === undefined || total === "") return "auto";
  if ((totalModes as readonly string[]).includes(total)) return total as TotalMode;
  throw ApiError.badRequest(
    tr('total must be {modes}, not "{value}"', {
      modes: totalModes.join(", "),
      value: total.slice(0, 20),
    }),
    { total: total.slice(0, 20) },
  );
}

/**
 * `-createdAt,name` → sort keys, always ending with id (in the last key's
 * direction, so that one index serves both) so that paging is stable and
 * every row has its own keyset position; keys after an id order nothing.
 */
function planSort(def: EntityDefinition, sort: string | undefined): SortKey[] {
  // The entity's default sort may name fields this user cannot see: it is
  // metadata, not the user's request, so those keys are dropped, not refused.
  const fallback = (def.list.sort ?? []).filter((k) => queryableField(def, k.replace(/^-/, "")));
  const given =
    sort === undefined || sort.trim() === ""
      ? fallback.length > 0
        ? fallback
        : ["-createdAt"]
      : sort.split(",").map((s) => s.trim());
  if (given.length > listLimits.sortKeys)
    throw limitExceeded("sortKeys", tr("sort has {count} keys", { count: given.length }));
  const keys: SortKey[] = [];
  for (const key of given) {
    const descending = key.startsWith("-");
    const name = descending ? key.slice(1) : key;
    const field = queryableField(def, name);
    if (!field)
      throw new ApiError(400, "bad_sort", tr("sort: {problem}", { problem: unknownField(name) }), {
        field: name,
      });
    if (!isSortable(field)) {
      throw new ApiError(
        400,
        "bad_sort",
        tr("sort: {field} is a {type} field and cannot be sorted", {
          field: name,
          type: field.type,
        }),
        { field: name },
      );
    }
    if (keys.some((k) => k.column === "id")) break;
    if (!keys.some((k) => k.column === name)) keys.push({ column: name, descending });
  }
  if (!keys.some((k) => k.column === "id"))
    keys.push({ column: "id", descending: keys.at(-1)?.descending ?? true });
  return keys;
}

/** A `limit` or `offset` of a query string within the list's limits, or its 400. */
export function pagingNumber(
  value: string | undefined,
  name: "limit" | "offset",
  fallback: number,
  max: number,
  min: number,
): number {
  if (value === undefined || value === "") return fallback;
  if (!/^\d{1,10}$/.test(value) || Number(value) < min) {
    throw new ApiError(
      400,
      "bad_request",
      tr('{name} must be a whole number ≥ {min}, not "{value}"', {
        name,
        min,
        value: value.slice(0, 20),
      }),
      { [name]: value.slice(0, 20) },
    );
  }
  if (Number(value) > max) throw limitExceeded(name, tr("{name} is {value}", { name, value }));
  return Number(value);
}
