import { ApiError } from "../http/api-error.ts";
import { reservedFieldKey } from "../metadata/reserved-keys.ts";

/**
 * A 400 naming the `key` of the request when a new field's key is reserved.
 * (A new entity's key is checked with its metadata, check-entity.ts, and
 * against the schema's tables by entity-routes.ts.)
 */
export function refuseReservedFieldKey(key: string): void {
  const message = reservedFieldKey(key);
  if (message) throw ApiError.invalidRequest([{ field: "key", rule: "reserved", message }]);
}
