import { ApiError } from "../http/api-error.ts";
import type { ExportLimits } from "../db/export-limits.ts";
import { tr } from "../i18n/text.ts";

/** Seconds a refused client is told to wait: exports free their slot when they end or stall. */
const retryAfterSeconds = 15;

const tooManyForUser = (limits: ExportLimits) =>
  new ApiError(
    429,
    "too_many_exports",
    tr(
      "you are already running {count} exports, the most one user may run at once: let one finish (or cancel it), then try again",
      { count: limits.perUser },
    ),
    { max: limits.perUser },
    { "Retry-After": String(retryAfterSeconds) },
  );

const serverBusy = (limits: ExportLimits) =>
  new ApiError(
    503,
    "exports_busy",
    tr(
      "the server is already running {count} exports, the most it runs at once: try again in a moment",
      { count: limits.atOnce },
    ),
    { max: limits.atOnce },
    { "Retry-After": String(retryAfterSeconds) },
  );

/**
 * The exports running in this process, per user and in all. `take` refuses
 * beyond a limit (429 for the user's own, 503 for the server's) instead of
 * queueing: a queued download would look like a hung one.
 *
 * @example
 * const release = slots.take(`${company.slug}/${userId}`);
 * stream().finally(release);
 */
export class ExportSlots {
  #running = 0;
  readonly #byUser = new Map<string, number>();

  constructor(readonly limits: ExportLimits) {}

  /** Takes a slot for `user`; the function returned gives it back (once, however often called). */
  take(user: string): () => void {
    const mine = this.#byUser.get(user) ?? 0;
    if (mine >= this.limits.perUser) throw tooManyForUser(this.limits);
    if (this.#running >= this.limits.atOnce) throw serverBusy(this.limits);
    this.#running++;
    this.#byUser.set(user, mine + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#running--;
      const left = (this.#byUser.get(user) ?? 1) - 1;
      if (left > 0) this.#byUser.set(user, left);
      else this.#byUser.delete(user);
    };
  }
}

declare module "../modules/engine-module.ts" {
  interface ModuleDeps {
    /** The process's export slots: every download (lists, the audit trail) takes one. */
    readonly exportSlots: ExportSlots;
  }
}
