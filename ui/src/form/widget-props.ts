import type { EntityView, FieldMetadata, FieldUi } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";

/**
 * What every widget receives. Widgets hold no state of their own beyond what
 * typing needs: the form owns the value, and `onChange(null)` clears it.
 */
export interface WidgetProps {
  /** The control's id; the field's <label for> points at it. */
  id: string;
  name: string;
  label: string;
  /** Id of the visible label, for group widgets (radios, checkboxes) to name themselves by. */
  labelId: string;
  entity: EntityView;
  field: FieldMetadata;
  ui: FieldUi;
  value: unknown;
  onChange: (value: unknown) => void;
  readOnly: boolean;
  invalid: boolean;
  /** Ids of the help and error texts, for aria-describedby. */
  describedBy: string | undefined;
  /** The record being edited (its `_display` titles references show). */
  record: RecordData;
  /** The form's current values, where they differ from `record` (a reference's filterBy reads them). */
  values?: Record<string, unknown>;
}

/** Attributes every native control shares. */
export const controlAttrs = (p: WidgetProps) => ({
  id: p.id,
  name: p.name,
  // Without a visible label (a filter's value), the control names itself.
  "aria-label": p.labelId ? undefined : p.label,
  "aria-invalid": p.invalid || undefined,
  "aria-describedby": p.describedBy,
  "aria-required": p.field.required || undefined,
  autofocus: p.ui["ui:autofocus"],
});
