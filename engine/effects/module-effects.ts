import type { Static, TSchema } from "@sinclair/typebox";
import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import type { Text } from "../i18n/text.ts";
import type { JobQueue } from "../jobs/job-queue.ts";
import type { EffectRegistry } from "./effect-registry.ts";

/**
 * A named, typed operation a module offers to workflows and other modules:
 * a stock move, a ledger entry, a message. It runs in its caller's
 * transaction, so that it commits or rolls back with what caused it.
 *
 * @example
 * { name: "award", description: tr("Give a customer points"), params: Type.Object({ customer: Type.String(), points: Type.Integer() }), run: async ({ tx }, p) => … }
 */
export interface ModuleEffect<P extends TSchema = TSchema> {
  /** Unique within the module, camelCase: called as `<module>.<name>`. */
  readonly name: string;
  readonly description: Text;
  /** Its parameters' JSON Schema (TypeBox): checked before it runs, shown to designers. */
  readonly params: P;
  run(call: EffectRun, params: Static<P>): Promise<unknown>;
}

/** Where an effect runs: the caller's transaction, company and user (none for a job). */
export interface EffectCall {
  readonly tx: Db;
  readonly company: CompanyContext;
  readonly actor: Actor | undefined;
}

/** What an effect is given: its call, and the services an effect may use in turn. */
export interface EffectRun extends EffectCall {
  readonly now: () => Date;
  readonly effects: EffectRegistry;
  readonly jobs: JobQueue;
}

declare module "../modules/engine-module.ts" {
  interface EngineModule {
    /** The effects it offers, called by name (`<module>.<effect>`) through the registry. */
    readonly effects?: readonly ModuleEffect[];
  }
  interface ModuleDeps {
    /** Every installed module's effects, by name. */
    readonly effects: EffectRegistry;
  }
}

declare module "../records/record-hooks.ts" {
  interface HookServices {
    readonly effects: EffectRegistry;
  }
}
