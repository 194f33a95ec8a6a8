import type { Readable } from "node:stream";
import type { RecordJson } from "../query/record-json.ts";

/**
 * A file being written as the rows of an export arrive. `write` resolves once
 * the reader has room for more, so the export reads no faster than the
 * client downloads.
 */
export interface SheetWriter {
  readonly stream: Readable;
  write(records: RecordJson[]): Promise<void>;
  end(): Promise<void>;
  fail(err: Error): void;
}
