import pg from "pg";
import { v7 as uuidv7 } from "uuid";
import { hashPassword } from "../engine/companies/password.ts";

export const departments = 10;
export const usersPerDepartment = 10;

/**
 * A department-scoped user for the list benchmark: 10 departments of 10 sales
 * users, a role that opens customers to the own department only, and the
 * owners of all customers spread over those users, so that the scoped user
 * sees a tenth of the rows. Done once per database (the users' presence says
 * it is done), as the tables' owner (`ownerUrl`), which alone may analyse
 * them. Returns the id of the user `sales_0_0`.
 */
export async function prepareDepartmentScope(ownerUrl: string, schema: string): Promise<string> {
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const s = (t: string) => `"${schema}".${t}`;
    const existing = await client.query(
      `select id from ${s("sys_user")} where username = 'sales_0_0'`,
    );
    if (existing.rows.length > 0) return existing.rows[0].id as string;
    const started = Date.now();
    const roleId = uuidv7();
    const permissions = {
      modules: ["crm"],
      entities: { customer: { actions: ["read", "create", "update"], scope: "department" } },
    };
    await client.query(
      `insert into ${s("sys_role")} (id, key, name, permissions, created_at) values ($1, 'sales', 'Sales', $2, now())`,
      [roleId, JSON.stringify(permissions)],
    );
    const hash = await hashPassword("sales-password-1");
    const users: string[] = [];
    for (let d = 0; d < departments; d++) {
      const dept = uuidv7();
      await client.query(
        `insert into ${s("sys_department")} (id, name, created_at) values ($1, $2, now())`,
        [dept, `Sales ${d}`],
      );
      for (let u = 0; u < usersPerDepartment; u++) {
        const id = uuidv7();
        users.push(id);
        await client.query(
          `insert into ${s("sys_user")} (id, username, display_name, password_hash, department_id) values ($1, $2, $3, $4, $5)`,
          [id, `sales_${d}_${u}`, `销售 ${d}-${u}`, hash, dept],
        );
        await client.query(`insert into ${s("sys_user_role")} (user_id, role_id) values ($1, $2)`, [
          id,
          roleId,
        ]);
      }
    }
    await client.query(
      `update ${s("customer")} set owner = ($1::uuid[])[1 + abs(hashtext(id::text)) % ${users.length}]`,
      [users],
    );
    await client.query(`vacuum analyze ${s("customer")}`);
    console.log(
      `owners spread over ${users.length} users in ${((Date.now() - started) / 1000).toFixed(1)} s`,
    );
    return users[0]!;
  } finally {
    await client.end();
  }
}
