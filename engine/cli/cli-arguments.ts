import { parseArgs, type ParseArgsConfig } from "node:util";
import { checkNewCompany } from "../companies/check-new-company.ts";
import { checkSlug } from "../companies/company-slug.ts";
import { defaultCompanySettings, type CompanySettings } from "../companies/company-settings.ts";
import type { NewCompany } from "../companies/create-company.ts";
import { UsageError } from "./usage-error.ts";

export const usage = `usage: npm run cli -- <command>

commands:
  company create <slug> --name <name> --admin-user <username> --admin-password <password>
                 [--admin-name <display name>] [--timezone Asia/Shanghai] [--currency CNY]
                 [--currency-decimals 2] [--language zh-CN|en]
  company list
  modules [--company <slug>]                the engine's modules; with a company, which are on there
  modules on|off <module> --company <slug>  switch a module on or off for one company
  plugin new <name> [--root <dir>]          scaffold a working plugin in plugins/<name>/ (of the project,
                                            or of <dir>): manifest, entity, hook, job, route, widget, tests
  sdk <company> [--out <dir>]               write the company's typed SDK (types, API client, record
                                            hooks) into <dir>/<company>/; <dir> is sdk/ unless given
  help, --help, -h                          this text

Platform administration happens here only; the HTTP API serves companies, not the platform.`;

/** What the command line asks for, checked in full before any database is opened. */
export type CliJob =
  | { command: "help" }
  | { command: "company create"; company: NewCompany }
  | { command: "company list" }
  | { command: "modules"; company: string | undefined }
  | { command: "modules switch"; module: string; on: boolean; company: string }
  | { command: "sdk"; company: string; out: string | undefined }
  | { command: "plugin new"; name: string; root: string | undefined };

type Options = NonNullable<ParseArgsConfig["options"]>;
/** Every option of these commands takes one string. */
type Values = Record<string, string | undefined>;

const createOptions = {
  name: { type: "string" },
  "admin-user": { type: "string" },
  "admin-password": { type: "string" },
  "admin-name": { type: "string" },
  timezone: { type: "string" },
  currency: { type: "string" },
  "currency-decimals": { type: "string" },
  language: { type: "string" },
} satisfies Options;

/**
 * Reads the command line into a job, or throws UsageError saying what is
 * wrong and echoing the value that is (a password excepted).
 */
export function readArguments(argv: string[]): CliJob {
  if (argv[0] === "help" || argv.includes("--help") || argv.includes("-h"))
    return { command: "help" };
  const [group, command, ...rest] = argv;
  const name = `${group ?? ""} ${command ?? ""}`.trim();
  if (name === "company create") return { command: name, company: newCompany(rest) };
  if (name === "company list") {
    parse(rest, {});
    if (rest.length > 0)
      throw new UsageError(`company list takes no arguments, not "${rest.join(" ")}"`);
    return { command: name };
  }
  if (group === "modules") return modulesJob(argv.slice(1));
  if (group === "sdk") return sdkJob(argv.slice(1));
  if (name === "plugin new") return pluginJob(rest);
  throw new UsageError(name === "" ? "no command given" : `unknown command "${name}"`, usage);
}

function modulesJob(args: string[]): CliJob {
  const { values, positionals } = parse(args, { company: { type: "string" } });
  const [action, module, ...extra] = positionals;
  if (action === undefined) return { command: "modules", company: values.company };
  if ((action !== "on" && action !== "off") || module === undefined || extra.length > 0)
    throw new UsageError(
      `modules takes nothing, or on|off and one module, e.g. modules off crm --company acme; got "${positionals.join(" ")}"`,
    );
  if (values.company === undefined)
    throw new UsageError(`modules ${action} ${module} needs --company <slug>`);
  return { command: "modules switch", module, on: action === "on", company: values.company };
}

/** The longest --out the CLI takes: a path, not a document. */
const maxPathLength = 1000;

function sdkJob(args: string[]): CliJob {
  const { values, positionals } = parse(args, { out: { type: "string" } });
  if (positionals.length !== 1)
    throw new UsageError(
      `sdk takes exactly one company, e.g. sdk acme --out sdk; got ${positionals.length === 0 ? "none" : `"${positionals.join(" ")}"`}`,
    );
  const company = positionals[0]!;
  const wrongSlug = checkSlug(company);
  if (wrongSlug) throw new UsageError(wrongSlug);
  return { command: "sdk", company, out: folder("--out", values.out) };
}

function folder(option: string, value: string | undefined): string | undefined {
  if (value !== undefined && (value === "" || value.length > maxPathLength || value.includes("\0")))
    throw new UsageError(`${option} takes a folder path of 1 to ${maxPathLength} characters`);
  return value;
}

function pluginJob(args: string[]): CliJob {
  const { values, positionals } = parse(args, { root: { type: "string" } });
  if (positionals.length !== 1)
    throw new UsageError(
      `plugin new takes exactly one name, e.g. plugin new loyalty; got ${positionals.length === 0 ? "none" : `"${positionals.join(" ")}"`}`,
    );
  return { command: "plugin new", name: positionals[0]!, root: folder("--root", values.root) };
}

function parse(args: string[], options: Options): { values: Values; positionals: string[] } {
  try {
    const { values, positionals } = parseArgs({ args, allowPositionals: true, options });
    return { values: values as Values, positionals };
  } catch (err) {
    // node's own messages name the option and the value.
    throw new UsageError((err as Error).message);
  }
}

function newCompany(args: string[]): NewCompany {
  const { values: v, positionals } = parse(args, createOptions);
  if (positionals.length !== 1)
    throw new UsageError(
      `company create takes exactly one slug, e.g. company create acme --name 'Acme Ltd' ...; got ${positionals.length === 0 ? "none" : `"${positionals.join(" ")}"`}`,
    );
  const missing = ["name", "admin-user", "admin-password"].filter((k) => v[k] === undefined);
  if (missing.length > 0)
    throw new UsageError(`company create needs ${missing.map((k) => `--${k}`).join(", ")}`);
  const company: NewCompany = {
    slug: positionals[0]!,
    name: v.name!,
    settings: settings(v),
    admin: {
      username: v["admin-user"]!,
      password: v["admin-password"]!,
      ...(v["admin-name"] === undefined ? {} : { displayName: v["admin-name"] }),
    },
  };
  const problems = checkNewCompany(company);
  if (problems.length > 0) throw new UsageError(problems.join("; "));
  return company;
}

function settings(v: Values): CompanySettings {
  const decimals = v["currency-decimals"];
  if (decimals !== undefined && !/^[0-9]+$/.test(decimals))
    throw new UsageError(`--currency-decimals takes a whole number such as 2, not "${decimals}"`);
  return {
    timezone: v.timezone ?? defaultCompanySettings.timezone,
    currency: v.currency ?? defaultCompanySettings.currency,
    currencyDecimals:
      decimals === undefined ? defaultCompanySettings.currencyDecimals : Number(decimals),
    language: (v.language ?? defaultCompanySettings.language) as CompanySettings["language"],
  };
}
