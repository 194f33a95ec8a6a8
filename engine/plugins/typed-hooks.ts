import type { PluginRecordHooks } from "./plugin-definition.ts";

/** What a company's SDK declares of each entity (`Entities["customer"]` in `sdk/<company>/entities.ts`). */
export interface EntityShapes {
  record: object;
  create: object;
  patch: object;
}

type Stage = Exclude<keyof PluginRecordHooks, "entity">;
type Hook<S extends Stage> = NonNullable<PluginRecordHooks[S]>;
type Event<S extends Stage> = Parameters<Hook<S>>[0];

/** What the server keeps of every record, which no hook writes. */
type ServerManaged =
  "id" | "version" | "owner" | "createdBy" | "updatedBy" | "createdAt" | "updatedAt" | "_display";

/** A body's fields, and the read-only ones a before-hook may set besides (a running balance). */
type HookValues<E extends EntityShapes, Body> = Body &
  Partial<Omit<E["record"], keyof Body | ServerManaged>>;

/** The event of a stage with the entity's own types in place of plain records and values. */
type TypedEvent<S extends Stage, E extends EntityShapes> = {
  [P in keyof Event<S>]: P extends "values"
    ? HookValues<E, S extends "beforeCreate" ? E["create"] : E["patch"]>
    : P extends "record" | "before"
      ? E["record"]
      : Event<S>[P];
};

/** A plugin's hooks on one entity, their events typed by a company's SDK. */
export type TypedRecordHooks<E extends EntityShapes> = {
  [S in Stage]?: (event: TypedEvent<S, E>) => ReturnType<Hook<S>>;
};

/**
 * What `hooksFor` of a company's SDK (`sdk/<company>/hooks.ts`) is: hooks on
 * one entity whose values and records have that company's types, so that a
 * field the company lacks is a type error, given to the engine as the
 * plugin's `PluginRecordHooks`. The engine checks the values against the
 * schemas these types are generated from before any hook sees them.
 *
 * @example
 * const hooksFor = typedHooks<Entities>();
 * export default definePlugin({
 *   hooks: [hooksFor("customer", { beforeCreate({ values }) { values.x_wechat = values.x_wechat?.trim(); } })],
 * });
 */
export function typedHooks<M extends { [K in keyof M]: EntityShapes }>() {
  return <K extends keyof M & string>(
    entity: K,
    hooks: TypedRecordHooks<M[K]>,
  ): PluginRecordHooks => ({ entity, ...hooks }) as PluginRecordHooks;
}
