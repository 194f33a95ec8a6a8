import type { FieldContext } from "../fields/field-type.ts";
import type { EffectiveMetadata } from "../metadata/metadata-types.ts";
import type { RecordValidators } from "../http/record-validator.ts";
import type { CompanySettings } from "./company-settings.ts";
import type { RecordPolicy } from "./record-policy.ts";
import type { FillingEntities } from "../search-index/filling-entities.ts";
import type { TokenShares } from "../search-index/token-stats.ts";

/** What a request of one company works with: its schema, settings and effective metadata. */
export interface CompanyContext {
  readonly slug: string;
  readonly schema: string;
  readonly name: string;
  readonly settings: CompanySettings;
  readonly fieldContext: FieldContext;
  readonly meta: EffectiveMetadata;
  /** Payload validators of this metadata version, compiled once and shared by every request. */
  readonly validators: RecordValidators;
  /** Why the company runs on its last good metadata instead of its overlay head, if it does. */
  readonly metadataError: string | undefined;
  /** What the request's user may do with records; `meta` and `validators` are already shaped by it. */
  readonly policy: RecordPolicy;
  /** Engine modules this company has switched off: their entities and routes are not there for it. */
  readonly modulesOff: ReadonlySet<string>;
  /**
   * Entities whose rows' search data a background job is still filling
   * (search-fill.ts): their quick search goes by ILIKE alone until it is done.
   */
  readonly searchFilling: FillingEntities;
  /** How common search tokens are in its entities, for quick search's choice of path. */
  readonly searchTokens: TokenShares;
  /** The company as metadata defines it, when `meta` is a user's restricted view of it. */
  readonly unrestricted?: CompanyContext;
}

/** The company's whole metadata, whoever asks: for checks no user's view may narrow. */
export const fullCompany = (company: CompanyContext) => company.unrestricted ?? company;

declare module "../http/app-env.ts" {
  interface RequestVariables {
    /** The session's company, as the user's roles let them see it. */
    company: CompanyContext;
  }
}
