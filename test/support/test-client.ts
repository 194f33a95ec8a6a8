/** What a test reads of a response. */
export interface TestResponse<T = any> {
  status: number;
  headers: Headers;
  body: T;
  text: string;
}

interface Fetcher {
  request(path: string, init?: RequestInit): Response | Promise<Response>;
}

let clientCount = 1;

/** A browser-like API client: it keeps the session cookie and sends JSON. */
export class TestClient {
  cookie: string | undefined;
  /**
   * Where this client's requests come from. Test engines trust X-Forwarded-For,
   * so each client has its own address and login throttling by source does not
   * carry from one test to the next.
   */
  address = `10.${(clientCount >> 16) & 255}.${(clientCount >> 8) & 255}.${clientCount++ & 255}`;

  /**
   * The language this client asks for (Accept-Language): English, as the
   * suite's assertions read; undefined sends none, so the company's applies.
   */
  language: string | undefined = "en";

  constructor(private readonly app: Fetcher) {}

  async login(company: string, username: string, password: string): Promise<TestResponse> {
    const res = await this.post("/api/auth/login", { company, username, password });
    if (res.status !== 200) throw new Error(`login failed: ${res.status} ${res.text}`);
    return res;
  }

  get = (path: string, headers: Record<string, string> = {}) =>
    this.send("GET", path, undefined, headers);
  post = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    this.send("POST", path, body, headers);
  patch = (path: string, body?: unknown, headers: Record<string, string> = {}) =>
    this.send("PATCH", path, body, headers);
  delete = (path: string, headers: Record<string, string> = {}) =>
    this.send("DELETE", path, undefined, headers);

  async send(
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const h: Record<string, string> = {
      "x-forwarded-for": this.address,
      ...(this.language ? { "accept-language": this.language } : {}),
      ...headers,
    };
    if (body !== undefined) h["content-type"] ??= "application/json";
    if (this.cookie) h.cookie = this.cookie;
    const res = await this.app.request(path, {
      method,
      headers: h,
      ...(body === undefined
        ? {}
        : { body: typeof body === "string" ? body : JSON.stringify(body) }),
    });
    const setCookie = res.headers.get("set-cookie");
    if (setCookie) {
      const pair = setCookie.split(";")[0]!;
      this.cookie = pair.endsWith("=") ? undefined : pair;
    }
    const text = await res.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      // Not JSON: the test reads `text`.
    }
    return { status: res.status, headers: res.headers, body: parsed, text };
  }
}
