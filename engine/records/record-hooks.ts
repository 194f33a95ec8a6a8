import type { Actor } from "../companies/actor.ts";
import type { CompanyContext } from "../companies/company-context.ts";
import type { Db } from "../db/database.ts";
import { ApiError } from "../http/api-error.ts";
import { tr, type Text } from "../i18n/text.ts";
import type { ModuleSet } from "../modules/module-set.ts";
import type { RecordJson } from "../query/record-json.ts";

/**
 * What the engine lends every hook beside the write: the clock here, and
 * what modules offer (effects, the job queue), each declared by the module
 * that offers it by declaration merging.
 */
export interface HookServices {
  readonly now: () => Date;
}

/** What every hook is told: where it runs, for whom, and the write's transaction. */
export interface HookEvent extends HookServices {
  /** The write's transaction: what a hook writes here commits or rolls back with the record. */
  readonly tx: Db;
  readonly company: CompanyContext;
  readonly actor: Actor;
  readonly entity: string;
}

/** Before a create or an update: `values` are the fields being written, as the API takes them. */
export interface BeforeWrite extends HookEvent {
  /** Change them (set, delete) to change what is written; they are validated again afterwards. */
  readonly values: Record<string, unknown>;
  /** The record as it is, for an update. */
  readonly before?: RecordJson;
}

/** After a create, an update or a delete, in the same transaction. */
export interface AfterWrite extends HookEvent {
  /** The record as written (as it was, for a delete). */
  readonly record: RecordJson;
  /** The record before an update. */
  readonly before?: RecordJson;
}

/**
 * What a module does around the writes of one entity's records. A before-hook
 * may change the values or refuse with `HookRefusal` (a field error for the
 * user); an after-hook runs in the write's transaction, so its failure undoes
 * the whole write. Hooks of modules a company switched off do not run there.
 *
 * @example
 * { entity: "customer", beforeCreate: ({ values }) => { values.shortName ??= String(values.name).slice(0, 4); } }
 */
export interface RecordHooks {
  readonly entity: string;
  beforeCreate?(event: BeforeWrite): void | Promise<void>;
  afterCreate?(event: AfterWrite): Promise<void>;
  beforeUpdate?(event: BeforeWrite & { readonly before: RecordJson }): void | Promise<void>;
  afterUpdate?(event: AfterWrite & { readonly before: RecordJson }): Promise<void>;
  beforeDelete?(event: AfterWrite): void | Promise<void>;
  afterDelete?(event: AfterWrite): Promise<void>;
}

/** A before-hook's "no": the field it is about and why, in the user's language. */
export class HookRefusal extends Error {
  constructor(
    readonly field: string,
    readonly reason: Text,
  ) {
    super(reason.toString());
  }
}

declare module "../modules/engine-module.ts" {
  interface EngineModule {
    /** Its hooks around record writes, entity by entity. */
    readonly recordHooks?: readonly RecordHooks[];
  }
}

type Stage = Exclude<keyof RecordHooks, "entity">;

/** Every module's hooks, entity by entity, in dependency order, each with its module's key. */
export class HookSet {
  readonly #byEntity = new Map<string, { module: string; hooks: RecordHooks }[]>();

  constructor(
    modules: ModuleSet,
    private readonly services: HookServices,
  ) {
    for (const module of modules.ordered)
      for (const hooks of module.recordHooks ?? []) {
        const list = this.#byEntity.get(hooks.entity) ?? [];
        list.push({ module: module.key, hooks });
        this.#byEntity.set(hooks.entity, list);
      }
  }

  /**
   * Runs the hooks of a stage for the company's entity, module by module; a
   * refusal becomes a field error, any other failure a 422 naming the module.
   */
  async run<S extends Stage>(
    stage: S,
    event: Omit<Parameters<NonNullable<RecordHooks[S]>>[0], keyof HookServices>,
  ): Promise<void> {
    for (const { module, hooks } of this.#byEntity.get(event.entity) ?? []) {
      const hook = hooks[stage] as ((e: typeof event) => void | Promise<void>) | undefined;
      if (!hook || event.company.modulesOff.has(module)) continue;
      try {
        await hook.call(hooks, { ...event, ...this.services });
      } catch (err) {
        if (err instanceof ApiError) throw err;
        if (err instanceof HookRefusal)
          throw ApiError.invalid([{ field: err.field, rule: "refused", message: err.reason }]);
        throw new ApiError(
          422,
          "module_failed",
          tr("the {module} module could not complete the change: {reason}", {
            module,
            reason: err instanceof Error ? err.message.slice(0, 300) : String(err),
          }),
        );
      }
    }
  }
}
