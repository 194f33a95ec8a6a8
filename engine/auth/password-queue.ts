import { availableParallelism } from "node:os";
import { ApiError } from "../http/api-error.ts";
import { tr } from "../i18n/text.ts";

export interface PasswordQueueLimits {
  /** Hashes computed at once. */
  concurrency: number;
  /** Hashes that may wait for a turn; one more is refused at once. */
  maxWaiting: number;
  /** How long a hash may wait for its turn before it is refused. */
  maxWaitMs: number;
}

/** The default waiting room per concurrent hash: 64 waits about 2.6 s at 40 ms a hash. */
export const waitingPerHash = 64;

/**
 * At most one hash per core but one, so that the event loop (and with it
 * the embedded database) always has a core; and one thread of libuv's pool
 * (4 unless UV_THREADPOOL_SIZE says otherwise), where argon2 runs, left
 * for file reads. A flood waits in a deep room rather than being refused at
 * once: a refused client comes straight back, and answering that churn cost
 * more than the hashing (bench/login-flood.ts).
 */
export function defaultPasswordQueueLimits(
  env: NodeJS.ProcessEnv = process.env,
): PasswordQueueLimits {
  const pool = Number(env.UV_THREADPOOL_SIZE) || 4;
  const concurrency = Math.max(1, Math.min(availableParallelism() - 1, pool - 1));
  return { concurrency, maxWaiting: waitingPerHash * concurrency, maxWaitMs: 5_000 };
}

/** 503: no turn for one more hash now; the caller gives back what it reserved for it. */
export class PasswordQueueBusy extends ApiError {
  constructor(retryAfter: number) {
    super(
      503,
      "busy",
      tr("the server is checking too many passwords at once; try again in {seconds} s", {
        seconds: retryAfter,
      }),
      { retryAfter },
      { "Retry-After": String(retryAfter) },
    );
  }
}

interface Waiter {
  start: () => void;
  timer: NodeJS.Timeout;
}

/**
 * The process's password hashing, bounded: a hash costs 19 MiB and tens of
 * milliseconds of a core, so a flood of logins must queue here (and beyond
 * the queue be refused with 503 and Retry-After) instead of starving every
 * other request of CPU.
 *
 * @example
 *   const ok = await queue.run(() => verifyPassword(stored, password));
 */
export class PasswordQueue {
  #running = 0;
  readonly #waiting: Waiter[] = [];
  /** A running mean of how long one hash takes, for Retry-After. */
  #meanMs = 50;

  constructor(readonly limits: PasswordQueueLimits) {}

  /** Refuses at once when a hash asked for now would be refused: before any other work. */
  checkRoom(): void {
    if (this.#full()) throw new PasswordQueueBusy(this.#retryAfter());
  }

  async run<T>(task: () => Promise<T>): Promise<T> {
    await this.#turn();
    const started = performance.now();
    try {
      return await task();
    } finally {
      this.#meanMs = 0.8 * this.#meanMs + 0.2 * (performance.now() - started);
      this.#next();
    }
  }

  #full(): boolean {
    return (
      this.#running >= this.limits.concurrency && this.#waiting.length >= this.limits.maxWaiting
    );
  }

  /** Seconds for the hashes ahead to be done, at least 1. */
  #retryAfter(): number {
    const ahead = this.#running + this.#waiting.length;
    return Math.max(1, Math.ceil((ahead * this.#meanMs) / this.limits.concurrency / 1000));
  }

  #turn(): Promise<void> {
    if (this.#running < this.limits.concurrency) {
      this.#running++;
      return Promise.resolve();
    }
    if (this.#full()) return Promise.reject(new PasswordQueueBusy(this.#retryAfter()));
    return new Promise((resolve, reject) => {
      const waiter: Waiter = {
        start: resolve,
        timer: setTimeout(() => {
          this.#waiting.splice(this.#waiting.indexOf(waiter), 1);
          reject(new PasswordQueueBusy(this.#retryAfter()));
        }, this.limits.maxWaitMs),
      };
      this.#waiting.push(waiter);
    });
  }

  /** Hands the finished hash's turn to the first waiter, if any. */
  #next(): void {
    const waiter = this.#waiting.shift();
    if (!waiter) {
      this.#running--;
      return;
    }
    clearTimeout(waiter.timer);
    waiter.start();
  }
}
