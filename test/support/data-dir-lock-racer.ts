/**
 * A process that takes embedded-database folder locks on command, for the
 * lock race test: each stdin line `take <folder>` answers `held <folder>` or
 * `refused <folder>` on stdout. It holds what it took until stdin closes.
 */
import { createInterface } from "node:readline";
import { DataDirLockedError, lockDataDir } from "../../engine/db/data-dir-lock.ts";

const lines = createInterface({ input: process.stdin });
console.log("ready");
for await (const line of lines) {
  const folder = line.replace(/^take /, "");
  try {
    await lockDataDir(folder, "a racer");
    console.log(`held ${folder}`);
  } catch (err) {
    if (!(err instanceof DataDirLockedError)) throw err;
    console.log(`refused ${folder}`);
  }
}
