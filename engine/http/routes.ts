import type { Context, Handler, Hono, MiddlewareHandler } from "hono";
import type { AppEnv } from "./app-env.ts";
import type { AccessPolicy, RouteInput, RouteSpec } from "./route-spec.ts";
import { routeInputReader } from "./route-validator.ts";
import { ApiError } from "./api-error.ts";
import { tr } from "../i18n/text.ts";

export type { AccessPolicy };

export interface DeclaredRoute {
  method: string;
  path: string;
  policy: AccessPolicy;
  /** The route's full declaration, for routes declared with schemas (`route`). */
  spec?: RouteSpec;
  /** The module that declared it, when a module did (its routes leave with it). */
  module?: string;
}

export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * A module's route answers 404 to a company that switched the module off,
 * as if it did not exist there (public routes have no company: always on).
 */
const moduleSwitchedOn =
  (module: string): MiddlewareHandler<AppEnv> =>
  async (c, next) => {
    if (c.get("company")?.modulesOff.has(module))
      throw ApiError.notFound(
        tr("no route {method} {path}", { method: c.req.method, path: c.req.path.slice(0, 200) }),
      );
    await next();
  };

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
    private readonly module?: string,
    private readonly checks: readonly MiddlewareHandler<AppEnv>[] = [],
  ) {}

  under(prefix: string): Routes {
    return new Routes(
      this.app,
      this.guards,
      this.declared,
      this.prefix + prefix,
      this.module,
      this.checks,
    );
  }

  /** The routes of a module, under its prefix, each remembered as the module's. */
  forModule(module: string, prefix: string): Routes {
    return new Routes(
      this.app,
      this.guards,
      this.declared,
      this.prefix + prefix,
      module,
      this.checks,
    );
  }

  /**
   * These routes with a check that runs before their input is read: whether
   * the user may reach the entity at all comes before what is wrong with the
   * body (a 403 must not turn into a 400 that describes a hidden entity).
   */
  checkedBy(check: (c: Context<AppEnv>) => void): Routes {
    const middleware: MiddlewareHandler<AppEnv> = async (c, next) => {
      check(c);
      await next();
    };
    return new Routes(this.app, this.guards, this.declared, this.prefix, this.module, [
      ...this.checks,
      middleware,
    ]);
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
      ...(this.module ? [moduleSwitchedOn(this.module)] : []),
      ...this.checks,
      handler,
    ];
    this.app.on(methods, [full], ...handlers);
    for (const method of methods)
      this.declared.push({
        method,
        path: full,
        policy,
        ...(this.module ? { module: this.module } : {}),
      });
    return this;
  }

  /**
   * Registers a route declared with its schemas (route-spec.ts): its policy's
   * guard, then its input read and checked, then the handler with the input.
   */
  route<S extends RouteSpec>(
    method: Method,
    path: string,
    spec: S,
    handler: (c: Context<AppEnv>, input: RouteInput<S>) => Response | Promise<Response>,
  ): this {
    const read = routeInputReader(spec);
    this.add([method], path, spec.policy, async (c) => handler(c, await read(c)));
    this.declared[this.declared.length - 1]!.spec = spec;
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
