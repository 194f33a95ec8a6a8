// The time of a field's type change (text → integer) on a big table, on PostgreSQL:
// the refusal (one query counting the values that would not convert) and the
// conversion itself (new column filled from the old one, kept renamed).
import { sql } from "kysely";
import pg from "pg";
import { writeOverlayBy, type OverlayAuthor } from "../engine/admin/overlay-writer.ts";
import { bootEngine } from "../engine/boot.ts";
import { companyOf } from "../engine/cli/company-of.ts";
import { schemaOf } from "../engine/companies/company-slug.ts";
import { createCompany } from "../engine/companies/create-company.ts";
import { defaultCompanySettings } from "../engine/companies/company-settings.ts";
import { ApiError } from "../engine/http/api-error.ts";
import type { FieldPatch } from "../metadata/types.gen.ts";
import { benchDatabase, type BenchDatabase } from "./bench-database.ts";
import { benchUser } from "./bench-company.ts";

const rows = Number(process.env.BENCH_ROWS ?? 1_000_000);
const bench: BenchDatabase = benchDatabase();
const deps = await bootEngine({ database: bench.config, jobWorkers: false });
// Seeding a million customers takes minutes: BENCH_COMPANY reuses a company an earlier run left.
const slug = process.env.BENCH_COMPANY ?? `typechange${Date.now() % 1_000_000}`;
const schema = schemaOf(slug);
const author = async (): Promise<OverlayAuthor> => ({
  company: await companyOf(deps, slug),
  user: undefined,
  origin: { ip: null, userAgent: "bench" },
});
const setField = async (field: FieldPatch) =>
  writeOverlayBy(deps, await author(), "bench: x_code", (overlay) => {
    const customer = ((overlay.entities ??= {}).customer ??= {});
    customer.fields = { ...customer.fields, x_code: field };
    return overlay;
  });
// As the table's owner (it alone may ANALYZE).
const owner = new pg.Client({ connectionString: bench.ownerUrl });
await owner.connect();
let started = Date.now();

if (!(await deps.companies.find(slug))) {
  await createCompany(
    deps.database,
    deps.base,
    deps.modules,
    { slug, name: "Type change bench", settings: defaultCompanySettings, admin: benchUser },
    deps.newId,
  );
  await setField({ type: "text" });
  await owner.query(`
    insert into "${schema}".customer (id, name, version, "createdAt", "updatedAt", x_code)
    select gen_random_uuid(), '客户' || g, 1, now(), now(), g::text from generate_series(1, ${rows}) g`);
  await owner.query(`analyze "${schema}".customer`);
  console.log(`seeded ${rows.toLocaleString("en")} customers in ${Date.now() - started} ms`);
} else if ((await author()).company.meta.entities.customer!.entity.fields.x_code?.type !== "text") {
  started = Date.now();
  await setField({ type: "text" });
  console.log(`integer → text (as a rollback would): ${Date.now() - started} ms`);
}
// One value that is no number, for the refusal.
await owner.query(
  `update "${schema}".customer set x_code = 'n/a' where id = (select id from "${schema}".customer order by id limit 1)`,
);

started = Date.now();
try {
  await setField({ type: "integer" });
  throw new Error("the change should have been refused: one value is no number");
} catch (err) {
  if (!(err instanceof ApiError) || err.status !== 409) throw err;
  console.log(`refused (${err.message}) in ${Date.now() - started} ms`);
}
await owner.query(`update "${schema}".customer set x_code = '1' where x_code = 'n/a'`);

started = Date.now();
await setField({ type: "integer" });
const converted = Date.now() - started;
const check = await sql<{ n: number }>`
  select count(*)::int as n from ${sql.id(schema, "customer")} where x_code is not null`.execute(
  deps.database.db,
);
console.log(
  `text → integer of ${check.rows[0]!.n.toLocaleString("en")} values: ${converted} ms (the table locked for that long)`,
);

await owner.end();
await deps.database.close();
console.log(
  `company "${slug}" (schema ${schema}) is left in the database: BENCH_COMPANY=${slug} reuses it`,
);
