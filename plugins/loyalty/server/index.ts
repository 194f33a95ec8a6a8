import {
  definePlugin,
  HookRefusal,
  tr,
  type CompanyDb,
} from "../../../engine/plugins/plugin-api.ts";

/** One row per customer that ever had points: the ledger's running balance, locked by each entry. */
const balances = "x_loyalty_balance";

/**
 * The customer's balance, its row locked until the entry's transaction ends:
 * two entries for one customer at once queue here, so that neither can
 * spend points the other already spent.
 */
async function lockedBalance(db: CompanyDb, customer: string, now: Date): Promise<number> {
  await db
    .insertInto(balances)
    .values({ customer, points: 0, updated_at: now })
    .onConflict((oc) => oc.column("customer").doNothing())
    .execute();
  const row = await db
    .selectFrom(balances)
    .select("points")
    .where("customer", "=", customer)
    .forUpdate()
    .executeTakeFirstOrThrow();
  return Number(row.points);
}

/** What an entry does to the balance: earned points add, redeemed ones take away, an adjustment either. */
function change(kind: unknown, points: number): number {
  if (kind === "adjust") {
    if (points === 0)
      throw new HookRefusal("points", tr("an adjustment of 0 points changes nothing"));
    return points;
  }
  if (points <= 0)
    throw new HookRefusal("points", tr("points earned or redeemed are a positive number"));
  return kind === "redeem" ? -points : points;
}

/**
 * Customer points (Y2 积分): an append-only ledger of entries, each leaving
 * the customer's balance on it and on the customer (`x_loyalty_points`), all
 * in the entry's transaction.
 */
export default definePlugin({
  migrations: [
    {
      name: "001-balances",
      up: (db) =>
        db.schema
          .createTable(balances)
          .ifNotExists()
          .addColumn("customer", "text", (c) => c.primaryKey())
          .addColumn("points", "bigint", (c) => c.notNull())
          .addColumn("updated_at", "timestamptz", (c) => c.notNull())
          .execute(),
    },
  ],
  hooks: [
    {
      entity: "x_loyalty_entry",
      async beforeCreate({ db, values, now }) {
        const customer = String(values.customer);
        const delta = change(values.kind ?? "earn", Number(values.points));
        const balance = await lockedBalance(db, customer, now());
        if (balance + delta < 0)
          throw new HookRefusal(
            "points",
            tr("the customer has {balance} points: {points} cannot be redeemed", {
              balance,
              points: -delta,
            }),
          );
        values.balanceAfter = balance + delta;
      },
      async afterCreate({ db, record, now }) {
        const customer = String(record.customer);
        await db
          .updateTable(balances)
          .set({ points: record.balanceAfter, updated_at: now() })
          .where("customer", "=", customer)
          .execute();
        await db
          .updateTable("customer")
          .set({ x_loyalty_points: record.balanceAfter })
          .where("id", "=", customer)
          .execute();
      },
      beforeUpdate() {
        throw new HookRefusal(
          "points",
          tr("a points entry is never changed: add an adjustment to correct it"),
        );
      },
      beforeDelete() {
        throw new HookRefusal(
          "points",
          tr("a points entry is never deleted: add an adjustment to correct it"),
        );
      },
    },
  ],
});
