/** Prefix of every company schema, so that a slug can never name a system schema. */
export const companySchemaPrefix = "co_";

const slugPattern = /^[a-z][a-z0-9_]*$/;
const maxIdentifierBytes = 63;
/** The longest slug: its schema name must fit PostgreSQL's identifier length. */
export const maxSlugLength = maxIdentifierBytes - companySchemaPrefix.length;
const reserved = new Set([
  "platform",
  "public",
  "admin",
  "api",
  "www",
  "system",
  "root",
  "postgres",
  "template",
  "information_schema",
  "default",
  "null",
  "all",
  "auth",
  "static",
  "assets",
]);

/** Why a slug cannot name a company, or undefined when it can. */
export function checkSlug(slug: string): string | undefined {
  if (!slugPattern.test(slug)) {
    return `company slug "${slug}" must start with a lower-case letter and contain only a-z, 0-9 and _`;
  }
  if (Buffer.byteLength(companySchemaPrefix + slug) > maxIdentifierBytes) {
    return `company slug "${slug}" is too long: at most ${maxSlugLength} characters (PostgreSQL identifiers have ${maxIdentifierBytes} bytes)`;
  }
  if (reserved.has(slug) || slug.startsWith("pg_")) return `company slug "${slug}" is reserved`;
  return undefined;
}

export function schemaOf(slug: string): string {
  return companySchemaPrefix + slug;
}
