/**
 * The order of the records the user last saw in each entity's list, so a
 * detail page can step to the next or previous one (j/k, Alt+↓/↑) in that
 * order. Only the page on screen is known; stepping stops at its ends.
 */
const orders = new Map<string, string[]>();

export function rememberOrder(entity: string, ids: string[]) {
  orders.set(entity, ids);
}

/** The id `step` places from `id` in the entity's last list, if there is one. */
export function neighbour(entity: string, id: string, step: 1 | -1): string | undefined {
  const ids = orders.get(entity) ?? [];
  const at = ids.indexOf(id);
  return at === -1 ? undefined : ids[at + step];
}
