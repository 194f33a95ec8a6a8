import type { RecordHooks } from "../records/record-hooks.ts";
import type { EntityMap, EntityTypes } from "./records-client.ts";

type Stage = Exclude<keyof RecordHooks, "entity">;
type Hook<S extends Stage> = NonNullable<RecordHooks[S]>;

/** The event of a stage with the entity's own types in place of plain records and values. */
type TypedEvent<S extends Stage, E extends EntityTypes> = {
  [P in keyof Parameters<Hook<S>>[0]]: P extends "values"
    ? S extends "beforeCreate"
      ? E["create"]
      : E["patch"]
    : P extends "record" | "before"
      ? E["record"]
      : Parameters<Hook<S>>[0][P];
};

/** `RecordHooks` of one entity, its events typed by the company's SDK. */
export type TypedRecordHooks<E extends EntityTypes> = {
  [S in Stage]?: (event: TypedEvent<S, E>) => ReturnType<Hook<S>>;
};

/**
 * `hooksFor` of a company's SDK (its `hooks.ts`): hooks on one entity whose
 * values and records have the company's types, so that a field the company
 * lacks is a type error, returned as the engine's `RecordHooks`. The engine
 * validated the values against the very schemas the types come from, before
 * any hook sees them.
 *
 * @example
 * const hooksFor = typedHooks<Entities>();
 * hooksFor("customer", { beforeCreate({ values }) { values.x_wechat ??= null; } });
 */
export function typedHooks<M extends EntityMap<M>>() {
  return <K extends keyof M & string>(entity: K, hooks: TypedRecordHooks<M[K]>): RecordHooks =>
    ({ entity, ...hooks }) as RecordHooks;
}
