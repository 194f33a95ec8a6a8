import { fieldTypes } from "../api/meta-store.ts";
import type { FieldMeta } from "../api/meta-types.ts";

/** Whether a field holds the id of a record of its `entity`, as the server's field types say. */
export const refersToRecords = (field: FieldMeta | undefined) =>
  field !== undefined && fieldTypes()[field.type]?.refersToRecords === true;
