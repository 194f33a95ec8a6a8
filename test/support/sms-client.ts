import { expect } from "vitest";
import type { TestCompany, TestEngine } from "./test-engine.ts";
import { waitFor } from "./wait-for.ts";

/** The sms plugin's routes as a company admin calls them (plugins/sms). */
export const messages = async (company: TestCompany, query = "") => {
  const res = await company.admin.get(`/api/x/sms/messages${query}`);
  expect(res.status, res.text).toBe(200);
  return res.body as { items: Record<string, unknown>[]; total: number };
};
export const settle = (company: TestCompany, id: string, seconds?: number) =>
  waitFor(async () => {
    const found = (await messages(company)).items.find((m) => m.id === id);
    return found && found.status !== "queued" ? found : undefined;
  }, seconds);
export const configure = async (company: TestCompany, settings: Record<string, unknown>) => {
  const res = await company.admin.patch("/api/x/sms/settings", settings);
  expect(res.status, res.text).toBe(200);
  return res;
};
export const send = (company: TestCompany, to: string, text: string) =>
  company.admin.post("/api/x/sms/messages", { to, text });

/** Calls the effect as a workflow or another module does: in a transaction of its own. */
export const callSmsEffect = async (
  engine: TestEngine,
  company: TestCompany,
  params: unknown,
  rollBack = false,
) => {
  const row = (await engine.deps.companies.find(company.slug))!;
  const context = await engine.deps.companies.get(row);
  let result: unknown;
  await engine.deps.database.db
    .transaction()
    .execute(async (tx) => {
      result = await engine.deps.effects.call(
        "sms.send",
        { tx, company: context, actor: undefined },
        params,
      );
      if (rollBack) throw new Error("the caller changed its mind");
    })
    .catch((err: Error) => {
      if (!rollBack) throw err;
    });
  return result as { id: string; status: string };
};
