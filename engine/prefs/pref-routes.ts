import type { Context } from "hono";
import type { EngineDeps } from "../engine-deps.ts";
import { ApiError } from "../http/api-error.ts";
import type { AppEnv } from "../http/app-env.ts";
import { readJsonObject } from "../http/read-json.ts";
import type { Routes } from "../http/routes.ts";
import { userPrefTable } from "./user-pref-table.ts";
import { tr } from "../i18n/text.ts";

/** A key names one preference, e.g. `list.customer.columns`. */
const keyPattern = /^[a-z][A-Za-z0-9_.:-]{0,99}$/;
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

function prefKey(c: Context<AppEnv>): string {
  const key = c.req.param("key") ?? "";
  if (!keyPattern.test(key)) {
    throw ApiError.invalidRequest([
      {
        field: "key",
        rule: "pattern",
        message: tr(
          "must start with a lower-case letter and hold at most 100 letters, digits and _ . : -",
        ),
      },
    ]);
  }
  return key;
}

/**
 * GET/PUT/DELETE /api/prefs/:key: the session user's own UI preferences
 * (X4: a list's hidden and ordered columns). A user reads and writes only
 * their own; an unset key reads as `{value: null}`.
 */
export function prefRoutes(routes: Routes, deps: EngineDeps) {
  const db = deps.database.db;
  const table = (c: Context<AppEnv>) => `${c.var.company.schema}.${userPrefTable}`;

  routes.get("/:key", "session", async (c) => {
    const key = prefKey(c);
    const row = (await db
      .selectFrom(table(c))
      .select("value")
      .where("user_id", "=", c.var.actor.userId)
      .where("key", "=", key)
      .executeTakeFirst()) as { value: unknown } | undefined;
    return c.json({ key, value: row?.value ?? null });
  });

  routes.add(["PUT"], "/:key", "session", async (c) => {
    const key = prefKey(c);
    const body = await readJsonObject(c);
    if (!("value" in body) || body.value === null) {
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
      await tx
        .selectFrom(`${c.var.company.schema}.sys_user`)
        .select("id")
        .where("id", "=", userId)
        .forNoKeyUpdate()
        .execute();
      const { kept, known } = (await tx
        .selectFrom(table(c))
        .select((eb) => [
          eb.fn.countAll<number>().as("kept"),
          eb.fn.countAll<number>().filterWhere("key", "=", key).as("known"),
        ])
        .where("user_id", "=", userId)
        .executeTakeFirstOrThrow()) as { kept: number; known: number };
      if (known === 0 && kept >= maxPrefKeys) throw tooManyPrefs(key);
      await tx
        .insertInto(table(c))
        .values(row)
        .onConflict((oc) =>
          oc.columns(["user_id", "key"]).doUpdateSet({ value: text, updated_at: row.updated_at }),
        )
        .execute();
    });
    return c.json({ key, value: body.value });
  });

  routes.delete("/:key", "session", async (c) => {
    const key = prefKey(c);
    await db
      .deleteFrom(table(c))
      .where("user_id", "=", c.var.actor.userId)
      .where("key", "=", key)
      .execute();
    return c.body(null, 204);
  });
}
