/**
 * Reads a key of a metadata map only when the map itself has it. Keys come
 * from users (URLs, bodies, overlays), and a plain lookup would find
 * `constructor` or `toString` on Object.prototype.
 */
export function own<T>(map: Readonly<Record<string, T>> | undefined, key: string): T | undefined {
  return map !== undefined && Object.hasOwn(map, key) ? map[key] : undefined;
}
