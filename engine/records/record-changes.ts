import type { Row } from "../query/record-json.ts";

/**
 * The longest value the trail keeps, in characters of its JSON text: a long
 * text or a large JSON value is cut there, so that a write costs one bounded
 * row of the trail whatever the record holds.
 */
export const maxTrailValue = 1000;

/** What the trail records of a record's write: the fields it changed, before and after. */
export interface ChangeDetail {
  before: Record<string, unknown>;
  after: Record<string, unknown>;
  /** Fields whose values were cut to `maxTrailValue`. */
  truncated?: string[];
}

function bounded(value: unknown, name: string, truncated: Set<string>): unknown {
  if (value === null || typeof value === "number" || typeof value === "boolean") return value;
  const text = typeof value === "string" ? value : JSON.stringify(value);
  if (text.length <= maxTrailValue) return value;
  truncated.add(name);
  return `${text.slice(0, maxTrailValue)}…`;
}

function detail(
  before: Record<string, unknown>,
  after: Record<string, unknown>,
  truncated: Set<string>,
): ChangeDetail {
  return truncated.size > 0 ? { before, after, truncated: [...truncated] } : { before, after };
}

/** Every value a record holds (empty ones left out), as it was created or before it was deleted. */
export function snapshot(
  names: readonly string[],
  row: Row,
  side: "created" | "deleted",
): ChangeDetail {
  const truncated = new Set<string>();
  const values: Record<string, unknown> = {};
  for (const name of names) {
    const value = row[name];
    if (value !== null && value !== undefined) values[name] = bounded(value, name, truncated);
  }
  return side === "created" ? detail({}, values, truncated) : detail(values, {}, truncated);
}

/** The fields among `names` whose values differ between two reads of a record, or undefined when none. */
export function changes(
  names: readonly string[],
  before: Row,
  after: Row,
): ChangeDetail | undefined {
  const truncated = new Set<string>();
  const was: Record<string, unknown> = {};
  const is: Record<string, unknown> = {};
  for (const name of names) {
    const [a, b] = [before[name] ?? null, after[name] ?? null];
    if (JSON.stringify(a) === JSON.stringify(b)) continue;
    was[name] = bounded(a, name, truncated);
    is[name] = bounded(b, name, truncated);
  }
  return Object.keys(is).length > 0 ? detail(was, is, truncated) : undefined;
}
