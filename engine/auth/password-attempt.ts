import { ApiError } from "../http/api-error.ts";
import type { LoginThrottle, ThrottleKey } from "./login-throttle.ts";
import { PasswordCheckError, verifyPassword } from "../companies/password.ts";
import { PasswordQueueBusy, type PasswordQueue } from "./password-queue.ts";
import { tr } from "../i18n/text.ts";

const tooManyAttempts = (wait: number) =>
  new ApiError(
    429,
    "too_many_attempts",
    tr("too many failed attempts; try again in {seconds} s", { seconds: wait }),
    { retryAfter: wait },
    { "Retry-After": String(wait) },
  );

/** The one 500 of the login paths: the input was fine, the server could not check it. */
export const passwordCheckFailed = () =>
  new ApiError(
    500,
    "password_check_failed",
    tr(
      "the server could not check the password (the error is in its log); an administrator can reset the password",
    ),
  );

/** right and wrong are the password's; broken means the server could not tell (logged). */
export type AttemptOutcome = "right" | "wrong" | "broken";

export interface PasswordAttempt {
  /** The throttle keys the attempt counts against, in the order LoginThrottle.reserve takes them. */
  keys: ThrottleKey[];
  password: string;
  /** The stored hash, looked up only once the attempt is reserved; undefined for no such user. */
  storedHash: () => Promise<string | undefined>;
  now: Date;
}

/**
 * Checks a password as one throttled attempt: refused with 503 while the
 * hashing queue is full and 429 while a key is blocked, both before any
 * work; otherwise reserved on every key before the hash is computed. A
 * wrong or unverifiable password keeps its reservation (it counts); a right
 * one clears its account's count; a hash refused by the queue gives it back.
 */
export async function attemptPassword(
  deps: { loginThrottle: LoginThrottle; passwordQueue: PasswordQueue },
  attempt: PasswordAttempt,
): Promise<AttemptOutcome> {
  deps.passwordQueue.checkRoom();
  const reserved = await deps.loginThrottle.reserve(attempt.keys, attempt.now);
  if (!reserved.granted) throw tooManyAttempts(reserved.retryAfter);
  let right: boolean;
  try {
    const stored = await attempt.storedHash();
    right = await deps.passwordQueue.run(() => verifyPassword(stored, attempt.password));
  } catch (err) {
    if (err instanceof PasswordQueueBusy) {
      await deps.loginThrottle.release(reserved.reservations);
      throw err;
    }
    if (err instanceof PasswordCheckError) {
      const account = attempt.keys.find((k) => k.kind === "account")?.key;
      console.error(`password check failed for ${account}:`, err);
      return "broken";
    }
    throw err;
  }
  if (right) await deps.loginThrottle.succeed(reserved.reservations);
  return right ? "right" : "wrong";
}
