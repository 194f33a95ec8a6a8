import { describe, expect, it } from "vitest";
import { auditChanges } from "./audit-diff.ts";

describe("auditChanges", () => {
  it("lists the leaves a full new state changed, added and removed", () => {
    expect(
      auditChanges({
        before: { a: 1, nested: { keep: true, drop: "x" }, list: [1, 2] },
        after: { a: 2, nested: { keep: true, add: "y" }, list: [1, 2] },
      }),
    ).toEqual([
      { path: "a", before: 1, after: 2 },
      { path: "nested/add", before: null, after: "y" },
      { path: "nested/drop", before: "x", after: null },
    ]);
  });

  it("compares only the keys a partial change set", () => {
    expect(
      auditChanges({
        before: { name: "Sales", permissions: { modules: ["crm"] } },
        change: { permissions: { modules: ["crm", "stock"] } },
      }),
    ).toEqual([{ path: "permissions/modules", before: ["crm"], after: ["crm", "stock"] }]);
  });

  it("finds nothing where there is no before, or nothing changed", () => {
    expect(auditChanges({ username: "x" })).toEqual([]);
    expect(auditChanges({ before: { a: 1 }, change: { a: 1 } })).toEqual([]);
    expect(auditChanges(null)).toEqual([]);
  });
});
