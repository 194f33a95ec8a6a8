import { describe, expect, it } from "vitest";
import { ApiError } from "../http/api-error.ts";
import { defaultPasswordQueueLimits, PasswordQueue } from "./password-queue.ts";

/** A task that runs until the test ends it, and says whether it has started. */
function gate() {
  let open!: () => void;
  const done = new Promise<void>((resolve) => (open = resolve));
  const task = { started: false, open, run: () => ((task.started = true), done) };
  return task;
}

async function refusal(run: () => Promise<unknown> | void): Promise<ApiError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof ApiError) return err;
    throw err;
  }
  throw new Error("not refused");
}

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe("PasswordQueue", () => {
  it("runs at most `concurrency` hashes at once and starts the waiting ones in order", async () => {
    const queue = new PasswordQueue({ concurrency: 2, maxWaiting: 5, maxWaitMs: 10_000 });
    const tasks = Array.from({ length: 4 }, gate);
    const runs = tasks.map((t) => queue.run(t.run));
    await settle();
    expect(tasks.map((t) => t.started)).toEqual([true, true, false, false]);
    tasks[1]!.open();
    await settle();
    expect(tasks.map((t) => t.started)).toEqual([true, true, true, false]);
    for (const t of tasks) t.open();
    await Promise.all(runs);
    expect(tasks.every((t) => t.started)).toBe(true);
  });

  it("refuses with 503 and Retry-After beyond the waiting room, before and at the queue", async () => {
    const queue = new PasswordQueue({ concurrency: 1, maxWaiting: 1, maxWaitMs: 10_000 });
    const running = gate();
    const waiting = gate();
    const runs = [queue.run(running.run), queue.run(waiting.run)];
    expect(() => queue.checkRoom()).toThrow(ApiError);
    const refused = await refusal(() => queue.run(gate().run));
    expect(refused.status).toBe(503);
    expect(refused.code).toBe("busy");
    expect(refused.headers?.["Retry-After"]).toMatch(/^[1-9][0-9]*$/);
    running.open();
    waiting.open();
    await Promise.all(runs);
    expect(() => queue.checkRoom()).not.toThrow();
  });

  it("refuses a hash that waited longer than maxWaitMs and gives its place back", async () => {
    const queue = new PasswordQueue({ concurrency: 1, maxWaiting: 1, maxWaitMs: 20 });
    const running = gate();
    const run = queue.run(running.run);
    const late = gate();
    expect((await refusal(() => queue.run(late.run))).status).toBe(503);
    expect(late.started).toBe(false);
    running.open();
    await run;
    const next = gate();
    const nextRun = queue.run(next.run);
    await settle();
    expect(next.started).toBe(true);
    next.open();
    await nextRun;
  });

  it("keeps a thread of libuv's pool free for file reads", () => {
    expect(defaultPasswordQueueLimits({}).concurrency).toBeLessThanOrEqual(3);
    expect(defaultPasswordQueueLimits({ UV_THREADPOOL_SIZE: "2" }).concurrency).toBe(1);
  });
});
