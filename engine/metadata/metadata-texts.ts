import { tr } from "../i18n/text.ts";

/** The metadata rules broken in many places, worded once. */
export const unknownField = (field: string) => tr('unknown field "{field}"', { field });
export const unknownEntity = (entity: string) => tr('unknown entity "{entity}"', { entity });
