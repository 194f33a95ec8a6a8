import { once } from "node:events";
import type { Writable } from "node:stream";

/**
 * Resolves when the reader has taken what was written so far. Throws when it
 * went away, or took nothing for `stallMs` (the stream is then destroyed, so
 * the client sees the download cut short), so that the export stops reading
 * and frees its connection instead of waiting for a drain that may never come.
 */
export async function waitForReader(out: Writable, stallMs: number): Promise<void> {
  if (out.writableNeedDrain && !out.destroyed) {
    const done = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const stalled = new Promise<"stalled">((resolve) => {
      timer = setTimeout(() => resolve("stalled"), stallMs);
    });
    try {
      const outcome = await Promise.race([
        once(out, "drain", { signal: done.signal }),
        once(out, "close", { signal: done.signal }),
        stalled,
      ]);
      if (outcome === "stalled") {
        out.destroy(new Error(`the client read nothing of the export for ${stallMs} ms`));
      }
    } finally {
      clearTimeout(timer);
      done.abort();
    }
  }
  if (out.destroyed) throw new Error("the client stopped reading the export");
}
