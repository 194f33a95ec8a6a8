import { allows } from "../api/entity-actions.ts";
import { meta } from "../api/meta-store.ts";
import { navigate, path } from "../router/router.ts";
import { matchScreen, paths } from "../router/routes.ts";
import { globalSearchId } from "../search/global-search.tsx";
import { neighbour } from "./record-order.ts";

/** Keys and what they do, as the help overlay lists them (message keys under tools.key.*). */
export const shortcutList = [
  { keys: ["n"], what: "tools.key.new" },
  { keys: ["Ctrl+S", "⌘S"], what: "tools.key.save" },
  { keys: ["/"], what: "tools.key.search" },
  { keys: ["j", "Alt+↓"], what: "tools.key.next" },
  { keys: ["k", "Alt+↑"], what: "tools.key.previous" },
  { keys: ["←", "↑", "→", "↓"], what: "tools.key.grid" },
  { keys: ["Enter"], what: "tools.key.open" },
  { keys: ["F2"], what: "tools.key.edit" },
  { keys: ["Esc"], what: "tools.key.escape" },
  { keys: ["?"], what: "tools.key.help" },
] as const;

/** Typing in a control: single-letter shortcuts stay out of the way. */
const typing = (target: EventTarget | null) =>
  target instanceof HTMLElement &&
  (target.isContentEditable || /^(INPUT|TEXTAREA|SELECT)$/.test(target.tagName));

/**
 * The app-wide shortcuts (X3) on one keydown listener. Letters never fire
 * while typing or when a dialog is open; Ctrl/⌘+S saves the open form from
 * anywhere in it. Returns the function that removes the listener.
 */
export function installShortcuts(openHelp: () => void): () => void {
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.defaultPrevented) return;
    const screen = matchScreen(path());
    if ((event.ctrlKey || event.metaKey) && event.key.toLowerCase() === "s") {
      const form = document.querySelector<HTMLFormElement>("form.form-page");
      if (!form) return;
      event.preventDefault();
      form.requestSubmit();
      return;
    }
    if (typing(event.target) || document.querySelector("dialog[open]")) return;
    if (event.ctrlKey || event.metaKey) return;
    const step =
      event.altKey && event.key === "ArrowDown"
        ? 1
        : event.altKey && event.key === "ArrowUp"
          ? -1
          : event.altKey
            ? 0
            : event.key === "j"
              ? 1
              : event.key === "k"
                ? -1
                : 0;
    if (step && screen.name === "detail") {
      const next = neighbour(screen.entity, screen.id, step);
      if (next) navigate(paths.detail(screen.entity, next));
    } else if (event.key === "/") {
      document.getElementById(globalSearchId)?.focus();
    } else if (event.key === "?") {
      openHelp();
    } else if (event.key === "n" && !event.altKey) {
      const entity = "entity" in screen ? meta()?.entities[screen.entity] : undefined;
      if (!entity || !allows(entity, "create") || screen.name === "new") return;
      navigate(paths.new(entity.key));
    } else return;
    event.preventDefault();
  };
  document.addEventListener("keydown", onKeyDown);
  return () => document.removeEventListener("keydown", onKeyDown);
}
