import { sql } from "kysely";
import type { Db } from "../engine/db/database.ts";
import { loadBaseMetadata } from "../engine/metadata/load-base-metadata.ts";
import { projectRoot } from "../engine/project/project-root.ts";
import { fillSearchData } from "../engine/search-index/search-data.ts";
import { benchCity, cityEvery } from "./seed-customers.ts";

/**
 * Fills `<schema>.customer` on the embedded database with the same city
 * distribution as the PostgreSQL seed. PGlite has no COPY from a client
 * stream, so the rows are generated inside the database, and their search
 * data computed after, as the engine fills rows written around it.
 */
export async function seedPgliteCustomers(db: Db, schema: string, count: number): Promise<void> {
  const table = sql.table(`${schema}.customer`);
  const owner = sql`(select id from ${sql.table(`${schema}.sys_user`)} order by created_at limit 1)`;
  await sql`insert into ${table} (id, name, city, quality, version, owner, "createdBy", "updatedBy", "createdAt", "updatedAt")
    select gen_random_uuid(),
      'company ' || i,
      case when i % ${cityEvery} = 0 then ${benchCity} else '城市' || ((i * 7919) % ${cityEvery - 1}) end,
      (array['A','B','C','D'])[1 + i % 4],
      1, o.id, o.id, o.id,
      timestamptz '2023-01-01' + (i * 94.6) * interval '1 second',
      timestamptz '2023-01-01' + (i * 94.6) * interval '1 second'
    from generate_series(0, ${count - 1}) as i, ${owner} as o(id)`.execute(db);
  await fillSearchData(db, schema, loadBaseMetadata(projectRoot).entities.customer!);
  await sql`analyze ${table}`.execute(db);
}
