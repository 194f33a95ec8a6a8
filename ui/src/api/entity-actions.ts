import type { EntityView } from "../../../metadata/types.gen.ts";

/**
 * Whether the server says this user may do `action` on the entity's records.
 * The UI only reads the answer of /api/meta; an entity without `actions`
 * comes from an engine that grants everything.
 */
export const allows = (entity: EntityView, action: string) =>
  entity.actions === undefined || entity.actions.includes(action);
