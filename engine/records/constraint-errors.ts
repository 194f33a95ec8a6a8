import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";

/** Unique and foreign-key violations become 409s that name the field, never SQL. */
export async function mapConstraintErrors<T>(entity: string, run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (err) {
    const { code, constraint } = err as { code?: string; constraint?: string };
    if (code === "23505") {
      // Sync names unique indexes <entity>_<field>_key.
      const field =
        constraint?.startsWith(`${entity}_`) && constraint.endsWith("_key")
          ? constraint.slice(entity.length + 1, -4)
          : undefined;
      throw ApiError.conflict(
        "duplicate",
        field
          ? tr("another {entity} already has this {field}", { entity, field })
          : tr("another {entity} already has this value in a unique field", { entity }),
        field
          ? {
              fields: [{ field, rule: "unique", message: tr("is already used by another record") }],
            }
          : undefined,
      );
    }
    if (code === "23503")
      throw ApiError.conflict("referenced", tr("other records refer to this record"));
    throw err;
  }
}
