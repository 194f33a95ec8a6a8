import { sha256 } from "@oslojs/crypto/sha2";
import { constantTimeEqual } from "@oslojs/crypto/subtle";
import { encodeBase32LowerCaseNoPadding } from "@oslojs/encoding";

/**
 * A session token is `<company>.<id>.<secret>`: the company names the schema
 * to look in, the id finds the row, and only a SHA-256 of the 160-bit secret
 * is stored (the Lucia guide's design), so a leaked table opens no session.
 */
export interface SessionToken {
  company: string;
  id: string;
  secret: string;
}

const random = (bytes: number) =>
  encodeBase32LowerCaseNoPadding(crypto.getRandomValues(new Uint8Array(bytes)));

export function newSessionToken(company: string): SessionToken {
  return { company, id: random(15), secret: random(20) };
}

export const formatToken = (t: SessionToken) => `${t.company}.${t.id}.${t.secret}`;

export function parseToken(value: string): SessionToken | undefined {
  const m = /^([a-z][a-z0-9_]{0,59})\.([a-z2-7]{24})\.([a-z2-7]{32})$/.exec(value);
  return m ? { company: m[1]!, id: m[2]!, secret: m[3]! } : undefined;
}

export const hashSecret = (secret: string) => sha256(new TextEncoder().encode(secret));

export function secretMatches(secret: string, storedHash: Uint8Array): boolean {
  const given = hashSecret(secret);
  return storedHash.length === given.length && constantTimeEqual(given, new Uint8Array(storedHash));
}
