import type { Json, Timestamp } from "../db/system-tables.ts";
import type { RolePermissions } from "./role-permissions.ts";

/** The rows of org's tables and its columns of sys_user (org-tables.ts, role-tables.ts), for typed queries. */
declare module "../db/system-tables.ts" {
  interface SystemTables {
    sys_department: DepartmentTable;
    sys_role: RoleTable;
    sys_user_role: UserRoleTable;
  }
}

declare module "../companies/core-table-types.ts" {
  interface UserTable {
    department_id: string | null;
    manager_id: string | null;
    email: string | null;
    phone: string | null;
    title: string | null;
  }
}

export interface DepartmentTable {
  id: string;
  name: string;
  parent_id: string | null;
  created_at: Timestamp;
}

export interface RoleTable {
  id: string;
  key: string;
  name: string;
  permissions: Json<RolePermissions>;
  created_at: Timestamp;
}

export interface UserRoleTable {
  user_id: string;
  role_id: string;
}
