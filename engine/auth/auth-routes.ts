import { Type } from "@sinclair/typebox";
import type { Context } from "hono";
import { audit } from "../audit/audit-log.ts";
import { maxSlugLength } from "../companies/company-slug.ts";
import type { AuthDeps } from "./auth-deps.ts";
import { ApiError } from "../http/api-error.ts";
import { clientAddress } from "../http/client-address.ts";
import { componentRef } from "../http/named-schema.ts";
import type { Routes } from "../http/routes.ts";
import { throttleKey } from "./login-throttle.ts";
import { attemptPassword, passwordCheckFailed } from "./password-attempt.ts";
import { checkPasswordRules, hashPassword, passwordRules } from "../companies/password.ts";
import { sessionCookieHeader, sessionUserSchema } from "./session-schemas.ts";
import { clearSessionCookie, writeSessionCookie } from "./session-cookie.ts";
import { createSession, deleteSession } from "./sessions.ts";
import { tr } from "../i18n/text.ts";
import { useCompanyLocale } from "../i18n/request-locale.ts";
import { systemTables, platformTables } from "../db/system-tables.ts";

/** A company as the meta-view meta-schema defines it (one shape for login, session and /api/meta). */
const companyRef = componentRef("Company");

/** The longest username a company can have (the username pattern of user creation). */
const maxUsernameLength = 64;

/**
 * A password as typed: bounded before any hashing (argon2 of a megabyte would
 * hold the queue); the rules for a new one are checked apart.
 */
const passwordSchema = (description?: string) =>
  Type.String({
    maxLength: passwordRules.maxLength,
    writeOnly: true,
    ...(description ? { description } : {}),
  });

const tags = ["auth"];

const badCredentials = () =>
  new ApiError(401, "bad_credentials", tr("wrong company, username or password"));

/**
 * Login, logout, `me` and password change. A wrong company, user or password
 * all get the same 401 at the same cost; throttled attempts get 429 before
 * any password is hashed.
 */
export function authRoutes(routes: Routes, deps: AuthDeps) {
  const db = deps.database.db;
  const startSession = async (c: Context, schema: string, slug: string, userId: string) => {
    const token = await createSession(db, schema, slug, userId, deps.now());
    writeSessionCookie(
      c,
      token,
      deps.secureCookies,
      Math.floor(deps.sessionPolicy.absoluteMs / 1000),
    );
  };

  routes.route(
    "POST",
    "/login",
    {
      policy: "public",
      operationId: "login",
      summary: "Log in and receive the session cookie",
      description:
        "A wrong company, username or password all answer the same 401 `bad_credentials`; failed attempts are throttled (429).",
      tags,
      body: Type.Object(
        {
          company: Type.String({ maxLength: maxSlugLength, description: "The company's slug." }),
          username: Type.String({ maxLength: maxUsernameLength }),
          password: passwordSchema(),
        },
        { examples: [{ company: "demo", username: "admin", password: "…" }] },
      ),
      responses: {
        200: {
          description: "Logged in; the answer sets the session cookie.",
          headers: sessionCookieHeader,
          schema: Type.Object({
            company: companyRef,
            user: Type.Object({ id: Type.String({ format: "uuid" }), username: Type.String() }),
          }),
        },
      },
      errors: [401, 429, 503],
    },
    async (c, { body: { company: slug, username, password } }) => {
      const companySlug = slug.trim().toLowerCase();
      const now = deps.now();
      let context: Awaited<ReturnType<typeof deps.companies.get>> | undefined;
      let user:
        { id: string; username: string; password_hash: string; is_active: boolean } | undefined;
      const outcome = await attemptPassword(deps, {
        keys: [
          throttleKey.source(clientAddress(c, deps.trustProxy)),
          throttleKey.account(companySlug, username),
        ],
        password,
        now,
        storedHash: async () => {
          const company = await deps.companies.find(companySlug);
          if (company) useCompanyLocale(company.settings.language);
          context = company && (await deps.companies.get(company));
          user = context
            ? await systemTables(db, context.schema)
                .selectFrom("sys_user")
                .select(["id", "username", "password_hash", "is_active"])
                .where("username", "=", username)
                .executeTakeFirst()
            : undefined;
          return user?.is_active ? user.password_hash : undefined;
        },
      });
      if (outcome !== "right" || !context || !user) {
        if (context) {
          const reason =
            outcome === "broken"
              ? "password_check_failed"
              : !user
                ? "unknown_user"
                : !user.is_active
                  ? "disabled_user"
                  : "wrong_password";
          await audit(db, context.schema, c, now, deps.trustProxy, {
            action: "login_failed",
            target: username.slice(0, 200),
            detail: { reason },
          });
        }
        throw outcome === "broken" ? passwordCheckFailed() : badCredentials();
      }
      await startSession(c, context.schema, context.slug, user.id);
      await audit(db, context.schema, c, now, deps.trustProxy, { action: "login", actor: user });
      return c.json({
        company: { slug: context.slug, name: context.name, settings: context.settings },
        user: { id: user.id, username: user.username },
      });
    },
  );

  // The login picker: only when the installation chose to reveal its companies.
  routes.route(
    "GET",
    "/companies",
    {
      policy: "public",
      operationId: "listCompanies",
      summary:
        "The companies of this installation, for the login picker (only with LIST_COMPANIES=true)",
      tags,
      responses: {
        200: {
          description: "Slug and name of every company.",
          schema: Type.Object({
            items: Type.Array(Type.Object({ slug: Type.String(), name: Type.String() })),
          }),
        },
      },
      errors: [404],
    },
    async (c) => {
      if (!deps.listCompanies) throw ApiError.notFound(tr("companies are not listed here"));
      const rows = await platformTables(db)
        .selectFrom("company")
        .select(["slug", "name"])
        .orderBy("slug")
        .execute();
      return c.json({ items: rows });
    },
  );

  routes.route(
    "POST",
    "/logout",
    {
      policy: "session",
      operationId: "logout",
      summary: "End the session and clear its cookie",
      tags,
      responses: { 204: { description: "Logged out." } },
    },
    async (c) => {
      const { company, session } = c.var;
      await deleteSession(db, company.schema, session.id);
      clearSessionCookie(c, deps.secureCookies);
      await audit(db, company.schema, c, deps.now(), deps.trustProxy, {
        action: "logout",
        actor: session.user,
      });
      return c.body(null, 204);
    },
  );

  routes.route(
    "GET",
    "/me",
    {
      policy: "session",
      operationId: "me",
      summary: "The session's user and company",
      tags,
      responses: {
        200: {
          description: "Who is logged in, where.",
          schema: Type.Object({ user: sessionUserSchema, company: companyRef }),
        },
      },
      errors: [503],
    },
    (c) => {
      const { company, session } = c.var;
      return c.json({
        user: session.user,
        company: { slug: company.slug, name: company.name, settings: company.settings },
      });
    },
  );

  /**
   * Changing the password ends every session of the user, this one included,
   * and opens a new one for this client.
   */
  routes.route(
    "POST",
    "/password",
    {
      policy: "session",
      operationId: "changePassword",
      summary: "Change your password",
      description:
        "Ends every session of yours, this one included, and answers with a new session cookie for this client. A wrong current password is a 400 naming `currentPassword`, throttled as failed logins are (429).",
      tags,
      body: Type.Object({
        currentPassword: passwordSchema(),
        newPassword: passwordSchema(
          `At least ${passwordRules.minLength} and at most ${passwordRules.maxLength} characters.`,
        ),
      }),
      responses: {
        204: {
          description: "Changed; the answer sets the new session cookie.",
          headers: sessionCookieHeader,
        },
      },
      errors: [429, 503],
    },
    async (c, { body: { currentPassword, newPassword } }) => {
      const { company, session } = c.var;
      // A new password that could never be accepted is refused before any hashing.
      const rule = checkPasswordRules(newPassword);
      if (rule)
        throw ApiError.invalidRequest([
          { field: "newPassword", rule: "passwordRules", message: rule },
        ]);
      const now = deps.now();
      // Guessing through a stolen session meets the same throttle as guessing at login.
      const outcome = await attemptPassword(deps, {
        keys: [throttleKey.account(company.slug, session.user.username)],
        password: currentPassword,
        now,
        storedHash: async () =>
          (
            await systemTables(db, company.schema)
              .selectFrom("sys_user")
              .select("password_hash")
              .where("id", "=", session.user.id)
              .executeTakeFirstOrThrow()
          ).password_hash,
      });
      if (outcome === "broken") throw passwordCheckFailed();
      if (outcome === "wrong")
        throw ApiError.invalidRequest([
          {
            field: "currentPassword",
            rule: "mismatch",
            message: tr("is not your current password"),
          },
        ]);
      const hash = await deps.passwordQueue.run(() => hashPassword(newPassword));
      await db.transaction().execute(async (tx) => {
        await systemTables(tx, company.schema)
          .updateTable("sys_user")
          .set({ password_hash: hash })
          .where("id", "=", session.user.id)
          .execute();
        await systemTables(tx, company.schema)
          .deleteFrom("sys_session")
          .where("user_id", "=", session.user.id)
          .execute();
        await audit(tx, company.schema, c, now, deps.trustProxy, {
          action: "password_changed",
          actor: session.user,
        });
      });
      await startSession(c, company.schema, company.slug, session.user.id);
      return c.body(null, 204);
    },
  );
}
