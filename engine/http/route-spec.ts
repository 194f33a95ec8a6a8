import type { Static, TObject, TSchema } from "@sinclair/typebox";

/**
 * Who may call a route: anyone, any user of a company with a session, or a
 * company admin. Every route declares one; a test fails on a route without.
 */
export type AccessPolicy = "public" | "session" | "admin";

/** The error answers a route may give, each documented once (openapi/common-components.ts). */
export type ErrorStatus = 400 | 401 | 403 | 404 | 409 | 413 | 415 | 428 | 429 | 503;

/** A header an answer carries. */
export interface RouteHeader {
  readonly description: string;
  readonly schema: TSchema;
}

/**
 * One answer of a route: what it means, and its body's schema — JSON
 * (`schema`), or per media type (`content`) for a file or a script; none for 204.
 */
export interface RouteResponse {
  readonly description: string;
  readonly schema?: TSchema;
  readonly content?: Readonly<Record<string, TSchema>>;
  readonly headers?: Readonly<Record<string, RouteHeader>>;
}

/**
 * Everything a route says about itself, declared once next to its handler:
 * the request's params, query, headers and body are validated from these
 * schemas before the handler runs, and the OpenAPI document is generated
 * from them. Params, query and header values arrive as strings and are
 * converted to the schema's types (`Type.Integer()` gives a number).
 *
 * @example
 * routes.route("GET", "/:key", {
 *   policy: "session", operationId: "getPref", summary: "One of your UI preferences", tags: ["ui"],
 *   params: Type.Object({ key: prefKeySchema }),
 *   responses: { 200: { description: "The preference", schema: prefSchema } },
 * }, async (c, { params }) => c.json(await read(params.key)));
 */
export interface RouteSpec {
  readonly policy: AccessPolicy;
  /**
   * Unique in the document, camelCase: `createDepartment`. For a route of
   * each entity (`perEntity`), the verb before the entity's name: `batch`
   * gives `batchCustomer`.
   */
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: TObject;
  readonly query?: TObject;
  /** Request headers, by their name as documented (`If-Match`); read case-insensitively. */
  readonly headers?: TObject;
  readonly body?: TSchema;
  readonly responses: Readonly<Record<number, RouteResponse>>;
  /**
   * Errors besides those every route of its kind may give: 400 for input,
   * 413 and 415 for a body, 401, and 403 for admin.
   */
  readonly errors?: readonly ErrorStatus[];
  /**
   * A route of each entity's records (`/api/data/:entity/…`): the document
   * shows it at every entity's own path (`/api/data/customer/batch`), tagged
   * with the entity besides its `tags`, where `{label}`, `{aLabel}` ("a Customer") and
   * `{plural}` in its summary and descriptions name the entity, and
   * `entityRecord` (documented-schema.ts) stands for its record.
   */
  readonly perEntity?: boolean;
}

type StaticOr<S, Fallback> = S extends TSchema ? Static<S> : Fallback;

/** What a handler receives, validated and typed from its route's schemas. */
export interface RouteInput<S extends RouteSpec> {
  params: StaticOr<S["params"], Record<string, never>>;
  query: StaticOr<S["query"], Record<string, never>>;
  headers: StaticOr<S["headers"], Record<string, never>>;
  body: StaticOr<S["body"], undefined>;
}
