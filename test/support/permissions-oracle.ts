/**
 * The permission rules written from the specs alone (scopes over a
 * department tree, actions, shares with users and departments), for the
 * permissions matrix to check every answer of the API against.
 */

export type Scope = "own" | "department" | "departmentTree" | "all";
export type Action = "read" | "create" | "update" | "delete";
export interface RoleSpec {
  actions: Action[];
  scope: Scope;
}
export interface UserSpec {
  name: string;
  dept: string | null;
  roles: string[];
}
export interface Share {
  record: number;
  user?: string;
  dept?: string;
  access: "read" | "edit";
}

export const scopeRank: Scope[] = ["own", "department", "departmentTree", "all"];

/** The rules, computed from the specs alone. */
export class Oracle {
  /** record id → owner name */
  owners = new Map<string, string>();
  shares: { id: string; user?: string; dept?: string; access: "read" | "edit" }[] = [];
  deptOf: Map<string, string | null>;

  constructor(
    private readonly roleSpecs: Record<string, RoleSpec>,
    /** department → its parent */
    private readonly departments: Record<string, string | null>,
    private readonly users: UserSpec[],
  ) {
    this.deptOf = new Map(users.map((u) => [u.name, u.dept]));
  }

  grant(user: string): { actions: Set<Action>; scope: Scope } | undefined {
    const roles = this.users.find((u) => u.name === user)!.roles.map((r) => this.roleSpecs[r]!);
    if (roles.length === 0) return undefined;
    const scope = roles
      .map((r) => r.scope)
      .reduce((a, b) => (scopeRank.indexOf(a) >= scopeRank.indexOf(b) ? a : b));
    return { actions: new Set(roles.flatMap((r) => r.actions)), scope };
  }

  subtree(dept: string): Set<string> {
    const out = new Set([dept]);
    for (let grew = true; grew;) {
      grew = false;
      for (const [d, parent] of Object.entries(this.departments))
        if (parent && out.has(parent) && !out.has(d)) grew = out.add(d).size > 0;
    }
    return out;
  }

  inScope(user: string, record: string): boolean {
    const g = this.grant(user);
    if (!g) return false;
    const owner = this.owners.get(record)!;
    if (g.scope === "all" || owner === user) return true;
    const mine = this.deptOf.get(user) ?? null;
    const theirs = this.deptOf.get(owner) ?? null;
    if (mine === null || theirs === null || g.scope === "own") return false;
    return g.scope === "department" ? mine === theirs : this.subtree(mine).has(theirs);
  }

  shared(user: string, record: string, edit: boolean): boolean {
    const dept = this.deptOf.get(user) ?? null;
    return this.shares.some(
      (s) =>
        s.id === record &&
        (!edit || s.access === "edit") &&
        (s.user === user || (dept !== null && s.dept === dept)),
    );
  }

  canRead(user: string, record: string): boolean {
    if (!this.grant(user)) return false;
    return this.inScope(user, record) || this.shared(user, record, false);
  }

  /** What GET, PATCH and DELETE must answer. */
  getStatus(user: string, record: string): number {
    if (!this.grant(user)) return 403;
    return this.canRead(user, record) ? 200 : 404;
  }
  patchStatus(user: string, record: string): number {
    const g = this.grant(user);
    if (!g || !g.actions.has("update")) return 403;
    if (this.inScope(user, record) || this.shared(user, record, true)) return 200;
    return this.canRead(user, record) ? 403 : 404;
  }
  /** Reassign, share and unshare: the owner's and the scope's rights, never a sharee's. */
  manageStatus(user: string, record: string): number {
    const g = this.grant(user);
    if (!g || !g.actions.has("update")) return 403;
    if (this.inScope(user, record)) return 200;
    return this.canRead(user, record) ? 403 : 404;
  }
  deleteStatus(user: string, record: string): number {
    const g = this.grant(user);
    if (!g || !g.actions.has("delete")) return 403;
    if (this.inScope(user, record)) return 204;
    return this.canRead(user, record) ? 403 : 404;
  }
  readable(user: string): string[] {
    return [...this.owners.keys()].filter((r) => this.canRead(user, r)).sort();
  }
}
