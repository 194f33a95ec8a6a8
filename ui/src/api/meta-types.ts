/**
 * Shapes of the data API as the UI reads them. Metadata and the /api/meta
 * view are typed by metadata/types.gen.ts, generated from the meta-schemas.
 */

/** GET /api/meta/field-types: what the query compiler accepts per type. */
export type FieldTypes = Record<
  string,
  { operators: string[]; widget: string; sortable: boolean; refersToRecords: boolean }
>;

/** A record as the data API answers it. */
export type RecordData = Record<string, unknown> & {
  id?: string;
  version?: number;
  _display?: Record<string, string | null>;
};
