import type { ContentfulStatusCode } from "hono/utils/http-status";

/** A field-level problem in a request, shown by the UI on the field it names. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: string;
}

/**
 * An error the API answers with `{"error": {code, message, details}}`
 * (design brief §8). Anything else thrown is a 500 that reveals nothing.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly details?: unknown,
    /** Headers the answer carries, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message);
  }

  static badRequest(message: string, details?: unknown) {
    return new ApiError(400, "bad_request", message, details);
  }
  /** Field problems of a record payload. */
  static invalid(problems: FieldProblem[]) {
    return ApiError.#invalid("record", problems);
  }
  /** Field problems of a request body that is not a record (a login, a user, a department). */
  static invalidRequest(problems: FieldProblem[]) {
    return ApiError.#invalid("request", problems);
  }
  static #invalid(what: string, problems: FieldProblem[]) {
    const summary = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
    return new ApiError(400, "invalid", `invalid ${what}: ${summary}`, { fields: problems });
  }
  static unauthenticated() {
    return new ApiError(401, "unauthenticated", "log in first");
  }
  static forbidden(message: string) {
    return new ApiError(403, "forbidden", message);
  }
  static notFound(message: string) {
    return new ApiError(404, "not_found", message);
  }
  static conflict(code: string, message: string, details?: unknown) {
    return new ApiError(409, code, message, details);
  }
  static unavailable(message: string) {
    return new ApiError(503, "unavailable", message);
  }
}
