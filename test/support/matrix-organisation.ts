import type { RoleSpec, UserSpec } from "./permissions-oracle.ts";

/* The organisation the permissions matrix runs on: one role per scope with different actions, a department tree with a second root, users spread over it (some without a department, one without roles, some with two roles). */

export const roleSpecs: Record<string, RoleSpec> = {
  own_full: { actions: ["read", "create", "update", "delete"], scope: "own" },
  own_read: { actions: ["read"], scope: "own" },
  dept_update: { actions: ["read", "update"], scope: "department" },
  dept_full: { actions: ["read", "create", "update", "delete"], scope: "department" },
  tree_create_delete: { actions: ["read", "create", "delete"], scope: "departmentTree" },
  all_read: { actions: ["read"], scope: "all" },
  all_full: { actions: ["read", "create", "update", "delete"], scope: "all" },
};

/** name → parent (insertion order puts parents first): HQ > Sales > East > EastA, … and a second root. */
export const departments: Record<string, string | null> = {
  HQ: null,
  Sales: "HQ",
  Support: "HQ",
  East: "Sales",
  West: "Sales",
  EastA: "East",
  Lab: null,
};

export const users: UserSpec[] = [
  { name: "own_a", dept: "East", roles: ["own_full"] },
  { name: "own_b", dept: null, roles: ["own_full"] },
  { name: "dept_a", dept: "East", roles: ["dept_update"] },
  { name: "dept_b", dept: "Sales", roles: ["dept_update"] },
  { name: "dept_c", dept: null, roles: ["dept_update"] },
  { name: "tree_a", dept: "Sales", roles: ["tree_create_delete"] },
  { name: "tree_b", dept: "HQ", roles: ["tree_create_delete"] },
  { name: "tree_c", dept: "EastA", roles: ["tree_create_delete"] },
  { name: "all_a", dept: "Support", roles: ["all_read"] },
  { name: "all_b", dept: "Lab", roles: ["all_full"] },
  { name: "combo_a", dept: "West", roles: ["own_full", "all_read"] },
  { name: "combo_b", dept: "EastA", roles: ["dept_update", "tree_create_delete"] },
  { name: "none_a", dept: "East", roles: [] },
  { name: "ro_own", dept: "West", roles: ["own_read"] },
  { name: "lab_dept", dept: "Lab", roles: ["dept_full"] },
  { name: "east_peer", dept: "East", roles: ["own_read"] },
  { name: "support_dept", dept: "Support", roles: ["dept_full"] },
];
