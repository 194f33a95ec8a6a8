/** GET /api/data/:entity/:id/history (engine/audit/record-history.ts). */
export interface FieldChange {
  field: string;
  before: unknown;
  after: unknown;
  beforeTitle?: string;
  afterTitle?: string;
}

export interface HistoryEntry {
  id: number;
  at: string;
  action:
    | "record_created"
    | "record_changed"
    | "record_deleted"
    | "record_reassigned"
    | "record_shared"
    | "record_unshared";
  actor: { id: string; name: string } | null;
  changes: FieldChange[];
  share?: {
    user: { id: string; name: string } | null;
    department: { id: string; name: string } | null;
    access: string;
    subDepartments: boolean;
  };
  via?: { entity: string; id: string; title: string | null };
  related?: Record<string, number>;
  truncated?: string[];
}

export interface HistoryPage {
  items: HistoryEntry[];
  total: number;
}
