/**
 * Where two JSON texts first differ, as a path and both values (`.items[3].total:
 * engine 1000, baseline "1000"`), or undefined when they are the same bytes.
 * Key order counts: answers must be byte-identical, so a key in another place
 * is a difference too.
 */
export function jsonDifference(
  a: string,
  b: string,
  names: readonly [string, string] = ["engine", "baseline"],
): string | undefined {
  if (a === b) return undefined;
  let left: unknown;
  let right: unknown;
  try {
    left = JSON.parse(a);
    right = JSON.parse(b);
  } catch {
    return `not both JSON: ${names[0]} ${a.slice(0, 120)}, ${names[1]} ${b.slice(0, 120)}`;
  }
  const show = (v: unknown) => (v === undefined ? "(missing)" : JSON.stringify(v).slice(0, 120));
  const walk = (x: unknown, y: unknown, at: string): string | undefined => {
    if (Array.isArray(x) && Array.isArray(y)) {
      for (let i = 0; i < Math.max(x.length, y.length); i++) {
        const d = walk(x[i], y[i], `${at}[${i}]`);
        if (d) return d;
      }
      return undefined;
    }
    if (x && y && typeof x === "object" && typeof y === "object") {
      const xs = Object.keys(x);
      const ys = Object.keys(y);
      for (const key of new Set([...xs, ...ys])) {
        const d = walk(
          (x as Record<string, unknown>)[key],
          (y as Record<string, unknown>)[key],
          `${at}.${key}`,
        );
        if (d) return d;
      }
      if (xs.join() !== ys.join())
        return `${at || "."}: keys in another order: ${names[0]} ${xs.join(",")}; ${names[1]} ${ys.join(",")}`;
      return undefined;
    }
    return JSON.stringify(x) === JSON.stringify(y)
      ? undefined
      : `${at || "."}: ${names[0]} ${show(x)}, ${names[1]} ${show(y)}`;
  };
  return walk(left, right, "") ?? "same values, different bytes (spacing or number format)";
}
