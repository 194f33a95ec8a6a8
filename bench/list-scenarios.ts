import { benchCity } from "./seed-customers.ts";

/** One list request of the benchmark, as the engine and the baseline are asked it. */
export interface ListScenario {
  key: "admin" | "scoped" | "offset" | "q";
  title: string;
  user: "admin" | "scoped";
  city?: string;
  q?: string;
  offset?: number;
}

/**
 * The requests of issue 14, all newest first, a page of 50: (a) the admin
 * filtering on a city, (b) a department-scoped user the same, (c) the admin
 * at offset 10,000 of every customer, (d) the admin's quick search for `q`.
 */
export function listScenarios(q: string): ListScenario[] {
  return [
    { key: "admin", title: "(a) admin, city, newest first", user: "admin", city: benchCity },
    { key: "scoped", title: "(b) department-scoped, same", user: "scoped", city: benchCity },
    { key: "offset", title: "(c) admin, offset 10,000", user: "admin", offset: 10_000 },
    { key: "q", title: `(d) admin, q=${q}`, user: "admin", q },
  ];
}

export function enginePath(s: ListScenario): string {
  const params = new URLSearchParams({ sort: "-createdAt", limit: "50" });
  if (s.city !== undefined)
    params.set("filter", JSON.stringify({ field: "city", op: "eq", value: s.city }));
  if (s.q !== undefined) params.set("q", s.q);
  if (s.offset !== undefined) params.set("offset", String(s.offset));
  return `/api/data/customer?${params.toString()}`;
}

export function baselinePath(s: ListScenario): string {
  const params = new URLSearchParams();
  if (s.city !== undefined) params.set("city", s.city);
  if (s.q !== undefined) params.set("q", s.q);
  if (s.offset !== undefined) params.set("offset", String(s.offset));
  return `/baseline/customer?${params.toString()}`;
}
