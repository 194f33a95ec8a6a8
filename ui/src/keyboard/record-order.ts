/**
 * The order of the records the user last saw in each entity's list, so a
 * detail page can step to the next or previous one (j/k, Alt+↓/↑) in that
 * order. Only the page on screen is known; stepping stops at its ends. Kept
 * in sessionStorage, so a reload of the detail page still steps.
 */
const key = (entity: string) => `metacrm.order.${entity}`;

export function rememberOrder(entity: string, ids: string[]) {
  sessionStorage.setItem(key(entity), JSON.stringify(ids));
}

/** The id `step` places from `id` in the entity's last list, if there is one. */
export function neighbour(entity: string, id: string, step: 1 | -1): string | undefined {
  let ids: unknown;
  try {
    ids = JSON.parse(sessionStorage.getItem(key(entity)) ?? "[]");
  } catch {
    return undefined;
  }
  if (!Array.isArray(ids)) return undefined;
  const at = ids.indexOf(id);
  return at === -1 ? undefined : (ids[at + step] as string | undefined);
}
