import { fieldTypes } from "../api/meta-store.ts";
import type { FieldMetadata } from "../../../metadata/types.gen.ts";

/** Whether a field holds the id of a record of its `entity`, as the server's field types say. */
export const refersToRecords = (field: FieldMetadata | undefined) =>
  field !== undefined && fieldTypes()[field.type]?.refersToRecords === true;
