import type { ModuleDeps } from "../modules/engine-module.ts";
import { ApiError } from "../http/api-error.ts";
import { Type } from "@sinclair/typebox";
import type { Routes } from "../http/routes.ts";
import { userPrefTable } from "./user-pref-table.ts";
import { tr } from "../i18n/text.ts";
import { systemTables } from "../db/system-tables.ts";

/** Preferences are small settings, not storage: a list's columns take a few hundred bytes. */
export const maxPrefBytes = 16 * 1024;
/** Keys one user may keep: a handful per entity's list, with room to spare, but bounded storage. */
export const maxPrefKeys = 100;

const tooManyPrefs = (key: string) =>
  new ApiError(
    409,
    "too_many_prefs",
    tr(
      'you already keep {max} preferences, the most a user may: delete one you no longer need before keeping "{key}"',
      { max: maxPrefKeys, key },
    ),
    { max: maxPrefKeys },
  );

const keyParams = Type.Object({
  key: Type.String({
    pattern: "^[a-z][A-Za-z0-9_.:-]{0,99}$",
    description: "The preference, e.g. `list.customer.columns` (a list's shown columns, in order).",
  }),
});
const prefAnswer = Type.Object({
  key: Type.String(),
  value: Type.Unknown({ description: "Any JSON; null when unset." }),
});
const common = { policy: "session", tags: ["ui"], params: keyParams } as const;

/**
 * GET/PUT/DELETE /api/prefs/:key: the session user's own UI preferences
 * (X4: a list's hidden and ordered columns). A user reads and writes only
 * their own; an unset key reads as `{value: null}`.
 */
export function prefRoutes(routes: Routes, deps: ModuleDeps) {
  const db = deps.database.db;

  routes.route(
    "GET",
    "/:key",
    {
      ...common,
      operationId: "getPref",
      summary: "One of your UI preferences",
      responses: { 200: { description: "The value, or null.", schema: prefAnswer } },
    },
    async (c, { params: { key } }) => {
      const row = await systemTables(db, c.var.company.schema)
        .selectFrom(userPrefTable)
        .select("value")
        .where("user_id", "=", c.var.actor.userId)
        .where("key", "=", key)
        .executeTakeFirst();
      return c.json({ key, value: row?.value ?? null });
    },
  );

  routes.route(
    "PUT",
    "/:key",
    {
      ...common,
      operationId: "putPref",
      summary: "Keep one of your UI preferences",
      body: Type.Object({
        value: Type.Unknown({
          description: `Any JSON but null, at most ${maxPrefBytes} bytes; a user keeps at most ${maxPrefKeys} keys (409 beyond).`,
        }),
      }),
      responses: { 200: { description: "Kept.", schema: prefAnswer } },
      errors: [409],
    },
    async (c, { params: { key }, body }) => {
      if (body.value === null) {
        throw ApiError.invalidRequest([
          {
            field: "value",
            rule: "required",
            message: tr("is required (DELETE clears a preference)"),
          },
        ]);
      }
      const text = JSON.stringify(body.value);
      if (Buffer.byteLength(text) > maxPrefBytes) {
        throw ApiError.invalidRequest([
          {
            field: "value",
            rule: "maxBytes",
            message: tr("must be at most {max} bytes of JSON", { max: maxPrefBytes }),
          },
        ]);
      }
      const userId = c.var.actor.userId;
      const row = { user_id: userId, key, value: text, updated_at: deps.now() };
      await db.transaction().execute(async (tx) => {
        // Concurrent PUTs of one user queue here, so that none can pass the count together.
        const prefs = systemTables(tx, c.var.company.schema);
        await prefs
          .selectFrom("sys_user")
          .select("id")
          .where("id", "=", userId)
          .forNoKeyUpdate()
          .execute();
        const { kept, known } = await prefs
          .selectFrom(userPrefTable)
          .select((eb) => [
            eb.fn.countAll<number>().as("kept"),
            eb.fn.countAll<number>().filterWhere("key", "=", key).as("known"),
          ])
          .where("user_id", "=", userId)
          .executeTakeFirstOrThrow();
        if (known === 0 && kept >= maxPrefKeys) throw tooManyPrefs(key);
        await prefs
          .insertInto(userPrefTable)
          .values(row)
          .onConflict((oc) =>
            oc.columns(["user_id", "key"]).doUpdateSet({ value: text, updated_at: row.updated_at }),
          )
          .execute();
      });
      return c.json({ key, value: body.value });
    },
  );

  routes.route(
    "DELETE",
    "/:key",
    {
      ...common,
      operationId: "deletePref",
      summary: "Forget one of your UI preferences",
      responses: { 204: { description: "Forgotten." } },
    },
    async (c, { params: { key } }) => {
      await systemTables(db, c.var.company.schema)
        .deleteFrom(userPrefTable)
        .where("user_id", "=", c.var.actor.userId)
        .where("key", "=", key)
        .execute();
      return c.body(null, 204);
    },
  );
}
