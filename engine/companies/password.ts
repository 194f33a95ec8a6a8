import { hash, verify } from "@node-rs/argon2";
import { tr, type Text } from "../i18n/text.ts";

/** The password rules, stated once: the CLI, login and password change all use them. */
export const passwordRules = { minLength: 8, maxLength: 256 } as const;

export function checkPasswordRules(password: string): Text | undefined {
  if (password.length < passwordRules.minLength)
    return tr("a password needs at least {min} characters", { min: passwordRules.minLength });
  if (password.length > passwordRules.maxLength)
    return tr("a password has at most {max} characters", { max: passwordRules.maxLength });
  return undefined;
}

/** argon2id with OWASP's minimum: 19 MiB, 2 passes, 1 lane. */
const options = { algorithm: 2, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

/**
 * The argon2 calls, behind one object so that a test can count them (login
 * throttling must answer before any hash is computed).
 */
export const argon2 = {
  hash: (password: string) => hash(password, options),
  verify: (stored: string, password: string) => verify(stored, password),
};

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password);
}

/**
 * argon2 could not check a password: the stored hash is damaged or the
 * library failed. Never a wrong password: the server is at fault.
 */
export class PasswordCheckError extends Error {
  constructor(cause: unknown) {
    super(`argon2 could not verify a password: ${(cause as Error)?.message ?? String(cause)}`, {
      cause,
    });
  }
}

let dummyHash: Promise<string> | undefined;

/**
 * Verifies a password against a stored hash. With no hash (an unknown user)
 * it verifies against a dummy so that the answer takes as long either way.
 * Throws PasswordCheckError when the check itself fails.
 */
export async function verifyPassword(
  stored: string | undefined,
  password: string,
): Promise<boolean> {
  dummyHash ??= hashPassword("dummy password that never matches");
  const target = stored ?? (await dummyHash);
  let ok: boolean;
  try {
    ok = await argon2.verify(target, password);
  } catch (err) {
    throw new PasswordCheckError(err);
  }
  return ok && stored !== undefined;
}
