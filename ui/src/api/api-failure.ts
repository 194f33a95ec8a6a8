/** One field's problem, as the API reports it in `details.fields`. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/** An API answer that is not 2xx: `{error: {code, message, details}}` (design brief §8). */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }

  /** The per-field problems of a 400, to show on their fields. */
  get fieldProblems(): FieldProblem[] {
    const fields = (this.details as { fields?: unknown } | null)?.fields;
    return Array.isArray(fields) ? (fields as FieldProblem[]) : [];
  }
}
