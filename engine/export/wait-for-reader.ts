import { once } from "node:events";
import type { Writable } from "node:stream";

/**
 * Resolves when the reader has taken what was written so far; throws when it
 * went away, so that the export stops reading (and frees its connection)
 * instead of waiting for a drain that will never come.
 */
export async function waitForReader(out: Writable): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed)
    await Promise.race([once(out, "drain"), once(out, "close")]);
  if (out.destroyed) throw new Error("the client stopped reading the export");
}
