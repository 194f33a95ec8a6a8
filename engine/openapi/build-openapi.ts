import type { CompanyContext } from "../companies/company-context.ts";
import { metaVersion } from "../meta/meta-view.ts";
import { translatedLocales } from "../../metadata/locale.ts";
import { commonComponents, sessionScheme } from "./common-components.ts";
import { entityPaths } from "./entity-paths.ts";
import { entitySchemas } from "./entity-schemas.ts";
import { filterSchemas } from "./filter-schema.ts";
import { metadataSchemas } from "./metadata-schemas.ts";
import type { OpenApiDocument, Paths, Tag } from "./openapi-types.ts";
import type { DeclaredRoute } from "../http/routes.ts";
import { routePaths } from "./route-paths.ts";

export interface OpenApiOptions {
  /** The session cookie is `__Host-sid` when the server is reached over HTTPS, `sid` otherwise. */
  secureCookies: boolean;
  /** The app's routes: those declared with schemas document themselves (route-paths.ts). */
  routes?: readonly DeclaredRoute[];
  /** The installed modules' permission actions (`ModuleSet.actionKeys`), what an entity's `actions` may hold. */
  actions: readonly string[];
}

/**
 * The OpenAPI 3.1 document of one company, from its effective metadata:
 * each entity's records API with schemas of its visible fields, plus the
 * fixed routes. Pure: the same context gives the same document.
 *
 * @example
 * const doc = buildOpenApi(c.var.company, { secureCookies: false });
 * doc.paths["/api/data/customer"].get.operationId; // "listCustomer"
 */
export function buildOpenApi(company: CompanyContext, options: OpenApiOptions): OpenApiDocument {
  const definitions = Object.values(company.meta.entities);
  const entityKeys = definitions.map((d) => d.entity.key);
  const common = commonComponents(options.secureCookies);
  const routes = routePaths(
    (options.routes ?? []).filter((r) => !r.module || !company.modulesOff.has(r.module)),
    { entities: definitions },
  );
  const tags: Tag[] = [
    { name: "auth", description: "Log in and out; who is logged in." },
    { name: "meta", description: "The company's effective metadata, and this document." },
    ...definitions.map((def) => {
      const en = def.labels.en.plural ?? def.entity.key;
      const others = translatedLocales.flatMap(
        (l) => def.labels[l].plural ?? def.labels[l].entity ?? [],
      );
      return { name: def.entity.key, description: [en, ...others.map((o) => `(${o})`)].join(" ") };
    }),
    { name: "admin", description: "Metadata changes, for company admins (403 for others)." },
    { name: "system", description: "Health." },
    { name: "ui", description: "The UI's own settings per user." },
  ];
  return {
    openapi: "3.1.0",
    info: {
      title: `${company.name} — metacrm API`,
      version: metaVersion(company),
      description: [
        `The API of company \`${company.slug}\`, generated from its effective metadata: it changes when an admin changes a field or a label, and \`info.version\` is then the new metadata version (the X-Meta-Version header of every answer).`,
        'Errors are `{"error": {"code", "message", "details"}}`. JSON bodies need `Content-Type: application/json` and at most 1 MB.',
        "Decimal and money values are strings with the field's scale, dates `YYYY-MM-DD`, datetimes ISO 8601 UTC with `Z`, ids lower-case UUIDs.",
      ].join("\n\n"),
    },
    servers: [{ url: "/" }],
    security: [{ [sessionScheme]: [] }],
    tags,
    paths: mergePaths(...definitions.map(entityPaths), routes.paths),
    components: {
      ...common,
      schemas: {
        ...common.schemas,
        ...metadataSchemas(entityKeys, options.actions),
        ...routes.schemas,
        ...Object.assign(
          {},
          ...definitions.flatMap((def) => [
            entitySchemas(def, company.fieldContext),
            filterSchemas(def),
          ]),
        ),
      },
    },
  };
}

/** Path items merged operation by operation: a later part's operation replaces an earlier one. */
function mergePaths(...parts: Paths[]): Paths {
  const merged: Paths = {};
  for (const part of parts)
    for (const [path, item] of Object.entries(part)) merged[path] = { ...merged[path], ...item };
  return merged;
}
