import type { Handler, Hono, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";

/**
 * Who may call a route: anyone, any user of a company with a session, or a
 * company admin. Every route declares one; a test fails on a route without.
 */
export type AccessPolicy = "public" | "session" | "admin";

export interface DeclaredRoute {
  method: string;
  path: string;
  policy: AccessPolicy;
}

type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * Registers routes together with their access policy. Session checks are made
 * by the app's gate for every /api path that is not a declared public route,
 * so a route cannot be reached without its policy being enforced; the
 * policy's own middleware (admin) runs before the handler.
 *
 * @example
 * routes.under("/api/meta").get("/entities/:entity", "session", (c) => c.json(...));
 */
export class Routes {
  constructor(
    private readonly app: Hono<AppEnv>,
    private readonly guards: Record<AccessPolicy, MiddlewareHandler<AppEnv>[]>,
    readonly declared: DeclaredRoute[] = [],
    private readonly prefix = "",
  ) {}

  under(prefix: string): Routes {
    return new Routes(this.app, this.guards, this.declared, this.prefix + prefix);
  }

  add(methods: Method[], path: string, policy: AccessPolicy, handler: Handler<AppEnv>): this {
    const full = this.prefix + path;
    if (policy !== "public" && !full.startsWith("/api/")) {
      throw new Error(
        `${full}: routes that need a session live under /api/, where the gate checks them`,
      );
    }
    const handlers: [...MiddlewareHandler<AppEnv>[], Handler<AppEnv>] = [
      ...this.guards[policy],
      handler,
    ];
    this.app.on(methods, [full], ...handlers);
    for (const method of methods) this.declared.push({ method, path: full, policy });
    return this;
  }

  get = (path: string, policy: AccessPolicy, handler: Handler<AppEnv>) =>
    this.add(["GET"], path, policy, handler);
  post = (path: string, policy: AccessPolicy, handler: Handler<AppEnv>) =>
    this.add(["POST"], path, policy, handler);
  patch = (path: string, policy: AccessPolicy, handler: Handler<AppEnv>) =>
    this.add(["PATCH"], path, policy, handler);
  delete = (path: string, policy: AccessPolicy, handler: Handler<AppEnv>) =>
    this.add(["DELETE"], path, policy, handler);
}
