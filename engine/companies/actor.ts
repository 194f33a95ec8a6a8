/**
 * Who is asking, as record scopes and shares need it: the core binds these
 * values into the statements it compiles once (compile-list.ts), the record
 * policy (record-policy.ts) decides what they open.
 */
export interface Actor {
  readonly userId: string;
  /** The user's current department: scopes follow it, so moving a user moves what they see. */
  readonly departmentId: string | null;
  /** The user and everyone in their department: the owners a "department" scope opens. */
  readonly departmentUsers: readonly string[];
  /** The same with every department below theirs: the owners of "departmentTree". */
  readonly treeUsers: readonly string[];
  /**
   * The user's department and every department above it: a share with one
   * of them "and its sub-departments" reaches the user.
   */
  readonly departmentLine: readonly string[];
  /** Entities with records shared with the user or their department: only those need the share test. */
  readonly sharedEntities: ReadonlySet<string>;
}

/**
 * The actor as bound into a statement: the id, department and owner sets as
 * plain values, or as the `Slot`s of a statement compiled once
 * (statement-cache.ts); which entities have shares is the statement's shape.
 */
export interface ActorValues {
  readonly userId: unknown;
  readonly departmentId: unknown;
  readonly departmentUsers: unknown;
  readonly treeUsers: unknown;
  readonly departmentLine: unknown;
  readonly sharedEntities: ReadonlySet<string>;
}

/** An actor whose scopes are never asked: admins, and the engine itself (seeding). */
export const unscopedActor = (userId: string): Actor => ({
  userId,
  departmentId: null,
  departmentUsers: [],
  treeUsers: [],
  departmentLine: [],
  sharedEntities: new Set<string>(),
});
