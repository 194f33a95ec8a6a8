import type { ContentfulStatusCode } from "hono/utils/http-status";
import { joinTexts, tr, type Text } from "../i18n/text.ts";

/** A field-level problem in a request, shown by the UI on the field it names. */
export interface FieldProblem {
  field: string;
  rule: string;
  message: Text;
  /** Where within the field's value, when the problem is below it: `/entities/customer/scope`. */
  pointer?: string;
}

/**
 * An error the API answers with `{"error": {code, message, details}}`
 * (design brief §8), its message in the request's language. Anything else
 * thrown is a 500 that reveals nothing.
 */
export class ApiError extends Error {
  readonly text: Text;

  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: Text,
    readonly details?: unknown,
    /** Headers the answer carries, e.g. Retry-After on a 429. */
    readonly headers?: Record<string, string>,
  ) {
    super(message.toString());
    this.text = message;
  }

  static badRequest(message: Text, details?: unknown) {
    return new ApiError(400, "bad_request", message, details);
  }
  /** Field problems of a record payload. */
  static invalid(problems: FieldProblem[]) {
    return ApiError.#invalid(
      tr("invalid record: {problems}", { problems: summary(problems) }),
      problems,
    );
  }
  /** Field problems of a request body that is not a record (a login, a user, a department). */
  static invalidRequest(problems: FieldProblem[]) {
    return ApiError.#invalid(
      tr("invalid request: {problems}", { problems: summary(problems) }),
      problems,
    );
  }
  static #invalid(message: Text, problems: FieldProblem[]) {
    return new ApiError(400, "invalid", message, { fields: problems });
  }
  static unauthenticated() {
    return new ApiError(401, "unauthenticated", tr("log in first"));
  }
  static forbidden(message: Text) {
    return new ApiError(403, "forbidden", message);
  }
  static notFound(message: Text) {
    return new ApiError(404, "not_found", message);
  }
  static conflict(code: string, message: Text, details?: unknown) {
    return new ApiError(409, code, message, details);
  }
  static unavailable(message: Text) {
    return new ApiError(503, "unavailable", message);
  }
}

const summary = (problems: FieldProblem[]) =>
  joinTexts(
    problems.map((p) =>
      tr("{field}: {message}", { field: p.field + (p.pointer ?? ""), message: p.message }),
    ),
    "; ",
  );
