/**
 * The records API of one company over fetch, typed by the company's entity
 * map (the `Entities` of its SDK). The SDK copies this file as it is beside
 * its generated types, so it imports nothing: a client of the API may live
 * outside this project.
 */

/** What the SDK generates for each entity (`Entities["customer"]`). */
export interface EntityTypes {
  record: object;
  create: object;
  patch: object;
  list: { items: unknown[]; next: string | null };
  filter: unknown;
  sortKey: string;
}

/** A company's entity map: entity key → its types. */
export type EntityMap<M> = { [K in keyof M]: EntityTypes };

/** A list request: the query parameters of `GET /api/data/<entity>`. */
export interface ListQuery<E extends EntityTypes> {
  filter?: E["filter"];
  sort?: readonly E["sortKey"][];
  q?: string;
  limit?: number;
  offset?: number;
  /** The `next` of the page before. */
  after?: string;
  total?: "exact" | "estimate" | "none";
}

/** The id and version of a record as read: what an update or a delete of it sends. */
export interface RecordVersion {
  id: string;
  version: number;
}

/** `fetch`, or anything that answers a request as it does (a Hono app's `request`, in tests). */
export type Fetch = (url: string, init: RequestInit) => Promise<Response> | Response;

export interface RecordsClientOptions {
  /** The company's short code, which login names. */
  company: string;
  /** Where the engine is served, such as `http://localhost:3000`; `""` in a page it serves. */
  baseUrl: string;
  fetch?: Fetch;
}

/** An answer other than success: the API's `{"error": {code, message, details}}` with its status. */
export class RecordsApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly details: unknown,
  ) {
    super(message);
  }
}

/**
 * @example
 * const client = new RecordsClient<Entities>({ company: "acme", baseUrl: "http://localhost:3000" });
 * await client.login("admin", password);
 * const page = await client.list("customer", { filter: { field: "city", op: "eq", value: "杭州" }, sort: ["-createdAt"] });
 * await client.update("customer", page.items[0]!, { x_wechat: "hz_trade" });
 */
export class RecordsClient<M extends EntityMap<M>> {
  readonly #options: RecordsClientOptions;
  readonly #fetch: Fetch;
  /** The session cookie, kept by hand outside a browser (a browser keeps it itself). */
  #cookie: string | undefined;

  constructor(options: RecordsClientOptions) {
    this.#options = options;
    this.#fetch = options.fetch ?? ((url, init) => fetch(url, init));
  }

  /** Opens a session as this user of the company; later requests carry it. */
  async login(username: string, password: string): Promise<void> {
    const res = await this.#request("POST", "/api/auth/login", {
      body: { company: this.#options.company, username, password },
    });
    const session = res.headers
      .getSetCookie()
      .map((c) => c.split(";")[0]!)
      .find((c) => /^(__Host-)?sid=./.test(c));
    if (session) this.#cookie = session;
  }

  async list<K extends keyof M & string>(
    entity: K,
    query: ListQuery<M[K]> = {},
  ): Promise<M[K]["list"]> {
    const params = new URLSearchParams();
    for (const [name, value] of Object.entries(query)) {
      if (value === undefined) continue;
      if (name === "filter") params.set(name, JSON.stringify(value));
      else if (name === "sort") params.set(name, (value as string[]).join(","));
      else params.set(name, String(value));
    }
    const search = params.size > 0 ? `?${params.toString()}` : "";
    return (await this.#request("GET", `${recordsPath(entity)}${search}`)).json();
  }

  async get<K extends keyof M & string>(entity: K, id: string): Promise<M[K]["record"]> {
    return (await this.#request("GET", recordsPath(entity, id))).json();
  }

  async create<K extends keyof M & string>(
    entity: K,
    values: M[K]["create"],
  ): Promise<M[K]["record"]> {
    return (await this.#request("POST", recordsPath(entity), { body: values })).json();
  }

  /** Changes the record as read: refused (409 `stale`) when someone changed it since. */
  async update<K extends keyof M & string>(
    entity: K,
    record: RecordVersion,
    changes: M[K]["patch"],
  ): Promise<M[K]["record"]> {
    const path = recordsPath(entity, record.id);
    return (await this.#request("PATCH", path, { body: changes, version: record.version })).json();
  }

  /** Deletes the record; with its version, only if nobody changed it since. */
  async delete<K extends keyof M & string>(
    entity: K,
    record: { id: string; version?: number },
  ): Promise<void> {
    const path = recordsPath(entity, record.id);
    await this.#request("DELETE", path, { version: record.version });
  }

  async #request(
    method: string,
    path: string,
    options: { body?: unknown; version?: number | undefined } = {},
  ): Promise<Response> {
    const headers: Record<string, string> = { Accept: "application/json" };
    if (options.body !== undefined) headers["Content-Type"] = "application/json";
    if (options.version !== undefined) headers["If-Match"] = `"${options.version}"`;
    if (this.#cookie) headers.Cookie = this.#cookie;
    const res = await this.#fetch(`${this.#options.baseUrl}${path}`, {
      method,
      headers,
      credentials: "same-origin",
      ...(options.body === undefined ? {} : { body: JSON.stringify(options.body) }),
    });
    if (res.ok) return res;
    const answer = (await res.json().catch(() => undefined)) as
      { error?: { code?: string; message?: string; details?: unknown } } | undefined;
    const error = answer?.error;
    throw new RecordsApiError(
      res.status,
      error?.code ?? "http_error",
      error?.message ?? `${method} ${path} answered ${res.status}`,
      error?.details,
    );
  }
}

const recordsPath = (entity: string, id?: string) =>
  `/api/data/${encodeURIComponent(entity)}${id === undefined ? "" : `/${encodeURIComponent(id)}`}`;
