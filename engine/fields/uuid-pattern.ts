/** A record id as the engine makes them (UUIDv7, lower case); the one pattern routes, payloads and filters use. */
export const uuidSource = "[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}";

/** JSON Schema of an id. */
export const uuidSchema = { type: "string", pattern: `^${uuidSource}$` } as const;
