import type { Readable } from "node:stream";

/**
 * A file being written, as the web stream a response body takes. Pulled one
 * chunk at a time (high-water mark 0), so the writer feels the client's pace
 * as backpressure; cancelled (the client went away), it destroys the file's
 * stream, which stops the export. Node's `Readable.toWeb` is not used: after a
 * cancel it can still push buffered data into the closed stream, an uncaught
 * exception that would end the process.
 */
export function downloadStream(file: Readable): ReadableStream<Uint8Array> {
  // A failed export destroys the file with its error, which then reaches the
  // reader as a cut-off download; unheard, Node would throw it.
  file.on("error", () => undefined);
  const chunks = file[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const { value, done } = await chunks.next();
        if (done) controller.close();
        else controller.enqueue(typeof value === "string" ? Buffer.from(value) : value);
      },
      cancel() {
        file.destroy();
      },
    },
    { highWaterMark: 0 },
  );
}
