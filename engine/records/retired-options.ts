import type { FieldProblem } from "../http/api-error.ts";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";
import type { EntityDefinition } from "../metadata/metadata-types.ts";
import { own } from "../metadata/own-key.ts";

/**
 * Refuses a retired option (a field's `retiredOptions`, admin/field-guards.ts)
 * written anew: on create any, on a change one the record did not hold
 * already, so that a record keeps the option it has while no new entry takes it.
 */
export function refuseRetiredOptions(
  def: EntityDefinition,
  values: Record<string, unknown>,
  before: Record<string, unknown> = {},
): void {
  const problems: FieldProblem[] = [];
  for (const [name, value] of Object.entries(values)) {
    const retired = own(def.entity.fields, name)?.retiredOptions;
    if (!retired || value === null || value === undefined) continue;
    const held = new Set([before[name]].flat());
    const fresh = [value].flat().filter((v) => retired.includes(v as string) && !held.has(v));
    if (fresh.length > 0)
      problems.push({
        field: name,
        rule: "retired",
        message: tr(
          "{options} can no longer be chosen: records that hold it keep it, new entries take another option",
          { options: fresh.join(", ") },
        ),
      });
  }
  if (problems.length > 0) throw ApiError.invalid(problems);
}
