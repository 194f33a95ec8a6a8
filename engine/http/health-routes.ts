import { Type } from "@sinclair/typebox";
import type { Database } from "../db/database.ts";
import type { Routes } from "./routes.ts";
import { stringEnum } from "./string-enum.ts";
import { platformTables } from "../db/system-tables.ts";

/** `GET /api/health`, open to anyone: whether the engine and its database answer. */
export function healthRoutes(routes: Routes, deps: { database: Database }) {
  routes.route(
    "GET",
    "",
    {
      policy: "public",
      operationId: "health",
      summary: "Check that the engine and its database answer",
      tags: ["system"],
      responses: {
        200: {
          description: "The engine and its database are up.",
          schema: Type.Object({
            status: Type.Literal("ok"),
            database: stringEnum(["pglite", "postgres"]),
          }),
        },
      },
    },
    async (c) => {
      await platformTables(deps.database.db)
        .selectFrom("company")
        .select("slug")
        .limit(1)
        .execute();
      return c.json({ status: "ok", database: deps.database.kind });
    },
  );
}
