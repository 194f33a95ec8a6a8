import { sql } from "kysely";
import { describe, expect, it, vi } from "vitest";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { testCompany, testEngine } from "../support/test-engine.ts";

describe("a company whose schema cannot be synced", () => {
  it("answers 503 alone while other companies go on, and recovers once the obstacle is gone", async () => {
    const engine = await testEngine();
    const broken = await testCompany(engine, "sb");
    const healthy = await testCompany(engine, "sh");
    const db = engine.deps.database.db;
    const schema = schemaOf(broken.slug);

    // Another process appends an overlay version whose unique field needs an index
    // named like a table that is in the way: the sync of that version must fail.
    await sql`create table ${sql.id(schema, "customer_x_badge_key")} (id int)`.execute(db);
    const overlay = {
      entities: { customer: { fields: { x_badge: { type: "text", unique: true } } } },
    };
    await db
      .insertInto(`${schema}.sys_meta_version`)
      .values({ version: 1, overlay: JSON.stringify(overlay), note: "from another process" })
      .execute();
    await db.updateTable(`${schema}.sys_meta_state`).set({ head: 1 }).where("id", "=", 1).execute();

    // The operator's log gets one line naming the company and the database's reason.
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const refused = await broken.admin.get("/api/data/customer");
    const logged = log.mock.calls.map((call) => call.join(" "));
    log.mockRestore();
    expect(logged).toEqual([
      expect.stringMatching(
        new RegExp(
          `^company ${broken.slug}: its schema could not be brought up to date: .*customer_x_badge_key.*SQLSTATE`,
        ),
      ),
    ]);
    expect(logged[0]).not.toContain("\n");
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("unavailable");
    expect(refused.text).not.toMatch(/customer_x_badge_key|relation|already exists/);

    const other = await healthy.admin.post("/api/data/customer", { name: "照常营业有限公司" });
    expect(other.status).toBe(201);

    // Nothing of the failed sync stayed behind: the column was not half-added.
    const columns = await sql`select 1 from information_schema.columns
      where table_schema = ${schema} and table_name = 'customer' and column_name = 'x_badge'`.execute(
      db,
    );
    expect(columns.rows).toHaveLength(0);

    await sql`drop table ${sql.id(schema, "customer_x_badge_key")}`.execute(db);
    const recovered = await broken.admin.post("/api/data/customer", {
      name: "恢复",
      x_badge: "VIP",
    });
    expect(recovered.status).toBe(201);
    expect(recovered.body.x_badge).toBe("VIP");
  });
});
