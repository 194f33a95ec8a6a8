import type { CompanyContext } from "../companies/company-context.ts";
import { buildOpenApi, type OpenApiOptions } from "./build-openapi.ts";
import type { OpenApiDocument } from "./openapi-types.ts";

export interface CachedOpenApi {
  document: OpenApiDocument;
  /** The document serialised once, so that a request only sends bytes. */
  json: string;
}

/**
 * One document per company metadata version. A CompanyContext is made once
 * per overlay head and kept while it is current, so keying by it builds each
 * version's document once; a replaced context is collected with its document.
 */
export class OpenApiCache {
  readonly #byContext = new WeakMap<CompanyContext, CachedOpenApi>();

  constructor(
    private readonly options: OpenApiOptions,
    private readonly build = buildOpenApi,
  ) {}

  get(company: CompanyContext): CachedOpenApi {
    let cached = this.#byContext.get(company);
    if (!cached) {
      const document = this.build(company, this.options);
      cached = { document, json: JSON.stringify(document) };
      this.#byContext.set(company, cached);
    }
    return cached;
  }
}
