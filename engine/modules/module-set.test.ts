import { describe, expect, it } from "vitest";
import { verbatim } from "../i18n/text.ts";
import type { EngineModule } from "./engine-module.ts";
import { ModuleSet, ModuleSetError } from "./module-set.ts";

const m = (key: string, dependsOn: string[] = []): EngineModule => ({
  key,
  label: verbatim(key),
  description: verbatim(key),
  version: "1.0.0",
  dependsOn,
});

describe("ModuleSet", () => {
  it("orders modules after what they depend on, keeping the given order otherwise", () => {
    const set = new ModuleSet([m("access", ["org"]), m("core"), m("org", ["core"]), m("prefs")]);
    expect(set.ordered.map((x) => x.key)).toEqual(["core", "org", "access", "prefs"]);
  });

  it("finds every module that depends on one, directly or not", () => {
    const set = new ModuleSet([m("core"), m("org", ["core"]), m("access", ["org"]), m("prefs")]);
    expect(set.dependents("core").map((x) => x.key)).toEqual(["org", "access"]);
    expect(set.dependents("prefs")).toEqual([]);
  });

  it.each([
    [[m("core"), m("core")], /two modules have the key "core"/],
    [[m("org", ["core"])], /"org" depends on "core", which is not installed/],
    [[m("a", ["b"]), m("b", ["c"]), m("c", ["a"])], /cycle: a → b → c → a/],
    [[m("Bad-Key")], /module key "Bad-Key"/],
  ])("refuses a list that cannot work (%#)", (modules, message) => {
    expect(() => new ModuleSet(modules)).toThrow(ModuleSetError);
    expect(() => new ModuleSet(modules)).toThrow(message);
  });

  it("refuses two migrations of a module with the same name", () => {
    const step = { name: "001-x", up: async () => {} };
    expect(() => new ModuleSet([{ ...m("x"), companyMigrations: [step, step] }])).toThrow(
      /names two migrations alike/,
    );
  });

  it("unites the modules' permission actions in dependency order, refusing one declared twice", () => {
    const action = (key: string) => ({ key, label: verbatim(key) });
    const set = new ModuleSet([
      { ...m("export", ["core"]), permissionActions: [action("export")] },
      { ...m("core"), permissionActions: [action("read"), action("update")] },
    ]);
    expect(set.actionKeys).toEqual(["read", "update", "export"]);
    expect(
      () =>
        new ModuleSet([
          { ...m("core"), permissionActions: [action("read")] },
          { ...m("x_read", ["core"]), permissionActions: [action("read")] },
        ]),
    ).toThrow(/two modules declare the permission action "read"/);
  });
});
