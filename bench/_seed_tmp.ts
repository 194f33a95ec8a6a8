import { seedCustomers } from "/work/wt-bigtable/bench/seed-customers.ts";
const t = Date.now();
const n = await seedCustomers(process.env.DATABASE_OWNER_URL!, "co_bench", 1_000_000);
console.log("seeded", n, (Date.now() - t) / 1000, "s");
