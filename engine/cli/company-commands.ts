import type { ParseArgsConfig } from "node:util";
import { CompanyInputError, createCompany } from "../companies/create-company.ts";
import { defaultCompanySettings, type CompanySettings } from "../companies/company-settings.ts";
import type { EngineDeps } from "../engine-deps.ts";
import { UsageError } from "./usage-error.ts";

type Values = Record<string, string | boolean | (string | boolean)[] | undefined>;

export interface Command {
  options: NonNullable<ParseArgsConfig["options"]>;
  execute(deps: EngineDeps, positionals: string[], values: Values): Promise<void>;
}

export const companyCreate: Command = {
  options: {
    name: { type: "string" },
    "admin-user": { type: "string" },
    "admin-password": { type: "string" },
    "admin-name": { type: "string" },
    timezone: { type: "string" },
    currency: { type: "string" },
    "currency-decimals": { type: "string" },
    language: { type: "string" },
  },
  async execute(deps, positionals, v) {
    const [slug, ...extra] = positionals;
    if (!slug || extra.length > 0)
      throw new UsageError(
        "company create takes exactly one slug, e.g. company create acme --name 'Acme Ltd' ...",
      );
    const missing = ["name", "admin-user", "admin-password"].filter(
      (k) => typeof v[k] !== "string",
    );
    if (missing.length > 0)
      throw new UsageError(`company create needs ${missing.map((k) => `--${k}`).join(", ")}`);
    const decimals =
      v["currency-decimals"] === undefined
        ? defaultCompanySettings.currencyDecimals
        : Number(v["currency-decimals"]);
    const settings: CompanySettings = {
      timezone: (v.timezone as string | undefined) ?? defaultCompanySettings.timezone,
      currency: (v.currency as string | undefined) ?? defaultCompanySettings.currency,
      currencyDecimals: decimals,
      language: ((v.language as string | undefined) ??
        defaultCompanySettings.language) as CompanySettings["language"],
    };
    try {
      await createCompany(
        deps.database,
        deps.base,
        {
          slug,
          name: v.name as string,
          settings,
          admin: {
            username: v["admin-user"] as string,
            password: v["admin-password"] as string,
            ...(typeof v["admin-name"] === "string" ? { displayName: v["admin-name"] } : {}),
          },
        },
        deps.newId,
      );
    } catch (err) {
      if (err instanceof CompanyInputError) throw new UsageError(err.message);
      throw err;
    }
    console.log(
      `created company "${slug}" (${settings.timezone}, ${settings.currency} with ${settings.currencyDecimals} decimals, ${settings.language}); its admin "${v["admin-user"] as string}" can log in now`,
    );
  },
};

export const companyList: Command = {
  options: {},
  async execute(deps) {
    const rows = (await deps.database.db
      .selectFrom("platform.company")
      .select(["slug", "name", "settings", "created_at"])
      .orderBy("slug")
      .execute()) as {
      slug: string;
      name: string;
      settings: CompanySettings;
      created_at: string;
    }[];
    if (rows.length === 0) {
      console.log("no companies yet: npm run cli -- company create <slug> ...");
      return;
    }
    for (const r of rows) {
      console.log(
        `${r.slug}\t${r.name}\t${r.settings.timezone}\t${r.settings.currency}/${r.settings.currencyDecimals}\t${r.settings.language}\t${r.created_at}`,
      );
    }
  },
};
