/** Asks until the answer is not undefined, for what happens away from the request (jobs). */
export async function waitFor<T>(what: () => Promise<T | undefined>, seconds = 20): Promise<T> {
  const until = Date.now() + seconds * 1000;
  for (;;) {
    const found = await what();
    if (found !== undefined) return found;
    if (Date.now() > until) throw new Error("waited in vain");
    await new Promise((r) => setTimeout(r, 200));
  }
}
