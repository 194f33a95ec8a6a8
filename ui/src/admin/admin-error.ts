import { ApiFailure } from "../api/api-failure.ts";

/** An API failure in words: its field problems when it has some, else its message. */
export function errorText(err: unknown): string {
  if (!(err instanceof ApiFailure)) return String((err as Error)?.message ?? err);
  const fields = err.fieldProblems;
  return fields.length > 0 ? fields.map((p) => `${p.field}: ${p.message}`).join("; ") : err.message;
}
