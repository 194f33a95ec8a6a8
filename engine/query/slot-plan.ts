import { Slot } from "../db/statement-cache.ts";
import type { ListPlan, Predicate } from "./list-plan.ts";

/**
 * Splits a plan into its shape and its values: the same plan with a `Slot` in
 * place of every value, a key naming that shape, and the values in slot order.
 * Plans of one shape compile to one SQL text. The page size stays in the
 * shape as a literal, and so does an offset of 0: with either bound as a
 * parameter PostgreSQL costs the generic plan as if a tenth of the matches
 * were wanted, finds it dearer than a custom plan, and plans every execution.
 * An `after` cursor's empty values are in the shape too (they compare as IS NULL).
 */
export function slotPlan(plan: ListPlan): { shape: string; values: unknown[]; slotted: ListPlan } {
  const values: unknown[] = [];
  const slot = (value: unknown) => new Slot(values.push(value) - 1);
  const walk = (p: Predicate): Predicate => {
    switch (p.kind) {
      case "and":
      case "or":
        return { kind: p.kind, items: p.items.map(walk) };
      case "not":
        return { kind: "not", item: walk(p.item) };
      case "compare":
      case "notEqual":
        return { ...p, value: slot(p.value) };
      case "in":
        return { ...p, values: p.values.map(slot) };
      case "overlaps":
        // One array parameter, whatever its length.
        return { ...p, values: slot(p.values) as unknown as string[] };
      case "like":
        return { ...p, pattern: slot(p.pattern) as unknown as string };
      case "search":
        // The tokens decide the plan (a rare token: the index; a common one: the sort's order).
        return {
          ...p,
          grams: p.grams && (new Slot(values.push(p.grams) - 1, true) as unknown as string[]),
          pattern: slot(p.pattern) as unknown as string,
        };
      case "dayRange":
        return {
          ...p,
          from: p.from === null ? null : (slot(p.from) as unknown as string),
          to: p.to === null ? null : (slot(p.to) as unknown as string),
          timezone: slot(p.timezone) as unknown as string,
        };
      default:
        return p;
    }
  };
  const where = walk(plan.where);
  const slotted = {
    ...plan,
    where,
    offset: plan.offset === 0 ? 0 : slot(plan.offset),
    after: plan.after && plan.after.map((v) => (v === null ? null : slot(v))),
  } as unknown as ListPlan;
  const { sort, limit, offset, after, autoTotal } = slotted;
  return {
    shape: JSON.stringify({ where, sort, limit, offset, after, autoTotal }),
    values,
    slotted,
  };
}
