import { createSignal, For, Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import type { Department } from "./admin-types.ts";

/**
 * The departments as an ARIA tree (flat items with aria-level): arrow keys,
 * Home and End move and fold, Enter selects, and an item dragged onto another becomes its
 * child (onto the root zone: top level). The "Move to…" select of the
 * selected department does the same without a mouse.
 */
export function DepartmentTree(props: {
  items: Department[];
  selected: string | undefined;
  onSelect: (id: string) => void;
  onMove: (id: string, parent: string | null) => void;
}) {
  const [collapsed, setCollapsed] = createSignal(new Set<string>());
  const [dropTarget, setDropTarget] = createSignal<string | null>();
  // Roving focus: one item is in the tab order, the arrow keys move it.
  const [active, setActive] = createSignal<string>();
  const tabStop = (id: string) => {
    const wanted = active() ?? props.selected;
    return (shown().some((d) => d.id === wanted) ? wanted : shown()[0]?.id) === id;
  };
  const hasChildren = (id: string) => props.items.some((d) => d.parent === id);
  const hiddenBy = (d: Department): boolean => {
    for (let p = d.parent; p; p = props.items.find((x) => x.id === p)?.parent ?? null)
      if (collapsed().has(p)) return true;
    return false;
  };
  const shown = () => props.items.filter((d) => !hiddenBy(d));
  const toggle = (id: string, open?: boolean) => {
    const next = new Set(collapsed());
    if (open ?? next.has(id)) next.delete(id);
    else next.add(id);
    setCollapsed(next);
  };
  let tree!: HTMLUListElement;
  const focusAt = (index: number) => {
    const items = tree.querySelectorAll<HTMLElement>("[role=treeitem]");
    items[Math.max(0, Math.min(items.length - 1, index))]?.focus();
  };
  const onKey = (event: KeyboardEvent, d: Department, index: number) => {
    const keys: Record<string, () => void> = {
      ArrowDown: () => focusAt(index + 1),
      ArrowUp: () => focusAt(index - 1),
      ArrowRight: () => hasChildren(d.id) && toggle(d.id, true),
      // Folds an open item; from a folded or leaf item, goes to its parent.
      ArrowLeft: () =>
        hasChildren(d.id) && !collapsed().has(d.id)
          ? toggle(d.id, false)
          : d.parent && focusAt(shown().findIndex((x) => x.id === d.parent)),
      Home: () => focusAt(0),
      End: () => focusAt(shown().length - 1),
      Enter: () => props.onSelect(d.id),
      " ": () => props.onSelect(d.id),
    };
    const act = keys[event.key];
    if (!act) return;
    event.preventDefault();
    act();
  };
  const drop = (event: DragEvent, parent: string | null) => {
    event.preventDefault();
    setDropTarget(undefined);
    const id = event.dataTransfer?.getData("text/plain");
    if (id && id !== parent) props.onMove(id, parent);
  };
  const allowDrop = (event: DragEvent, target: string | null) => {
    event.preventDefault();
    setDropTarget(target);
  };

  return (
    <div class="department-tree">
      <ul ref={tree} role="tree" class="plain tree" aria-label={t("admin.departments.tree")}>
        <For each={shown()}>
          {(d, index) => (
            <li
              role="treeitem"
              aria-level={d.depth + 1}
              aria-selected={props.selected === d.id}
              aria-expanded={hasChildren(d.id) ? !collapsed().has(d.id) : undefined}
              tabIndex={tabStop(d.id) ? 0 : -1}
              onFocus={() => setActive(d.id)}
              draggable={true}
              classList={{ "drop-target": dropTarget() === d.id }}
              style={{ "padding-left": `${d.depth * 20 + 4}px` }}
              onClick={() => props.onSelect(d.id)}
              onKeyDown={(e) => onKey(e, d, index())}
              onDragStart={(e) => e.dataTransfer?.setData("text/plain", d.id)}
              onDragOver={(e) => allowDrop(e, d.id)}
              onDragLeave={() => setDropTarget(undefined)}
              onDrop={(e) => drop(e, d.id)}
            >
              <span
                class="twisty"
                aria-hidden="true"
                onClick={(e) => {
                  e.stopPropagation();
                  if (hasChildren(d.id)) toggle(d.id);
                }}
              >
                {hasChildren(d.id) ? (collapsed().has(d.id) ? "▸" : "▾") : "·"}
              </span>
              {d.name}
              <span class="muted"> ({t("admin.departments.users", { count: d.userCount })})</span>
            </li>
          )}
        </For>
      </ul>
      <Show when={props.items.length > 0}>
        <div
          class="root-drop"
          classList={{ "drop-target": dropTarget() === null }}
          onDragOver={(e) => allowDrop(e, null)}
          onDragLeave={() => setDropTarget(undefined)}
          onDrop={(e) => drop(e, null)}
        >
          {t("admin.departments.dropRoot")}
        </div>
      </Show>
    </div>
  );
}
