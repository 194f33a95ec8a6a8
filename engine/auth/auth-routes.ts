import type { EngineDeps } from "../engine-deps.ts";
import { ApiError } from "../http/api-error.ts";
import type { Routes } from "../http/routes.ts";
import { readJsonObject } from "../http/read-json.ts";
import { verifyPassword } from "./password.ts";
import { clearSessionCookie, writeSessionCookie } from "./session-cookie.ts";
import { createSession, deleteSession } from "./sessions.ts";

/** Login, logout and `me`. A wrong company, user or password all get the same 401. */
export function authRoutes(routes: Routes, deps: EngineDeps) {

  routes.post("/login", "public", async (c) => {
    const body = await readJsonObject(c);
    const { company: slug, username, password } = body;
    if (typeof slug !== "string" || typeof username !== "string" || typeof password !== "string") {
      throw ApiError.badRequest("login needs company, username and password as strings");
    }
    const company = await deps.companies.find(slug.trim().toLowerCase());
    const user = company
      ? ((await deps.database.db
          .selectFrom(`${company.schema_name}.sys_user`)
          .select(["id", "password_hash", "is_active"])
          .where("username", "=", username)
          .executeTakeFirst()) as
          { id: string; password_hash: string; is_active: boolean } | undefined)
      : undefined;
    const ok = await verifyPassword(user?.is_active ? user.password_hash : undefined, password);
    if (!ok || !company || !user)
      throw new ApiError(401, "bad_credentials", "wrong company, username or password");
    const token = await createSession(
      deps.database.db,
      company.schema_name,
      company.slug,
      user.id,
      deps.now(),
    );
    writeSessionCookie(
      c,
      token,
      deps.secureCookies,
      Math.floor(deps.sessionPolicy.absoluteMs / 1000),
    );
    const context = await deps.companies.get(company);
    return c.json({
      company: { slug: context.slug, name: context.name, settings: context.settings },
      user: { id: user.id, username },
    });
  });

  routes.post("/logout", "session", async (c) => {
    await deleteSession(deps.database.db, c.var.company.schema, c.var.session.id);
    clearSessionCookie(c, deps.secureCookies);
    return c.body(null, 204);
  });

  routes.get("/me", "session", (c) => {
    const { company, session: s } = c.var;
    return c.json({
      user: s.user,
      company: { slug: company.slug, name: company.name, settings: company.settings },
    });
  });
}
