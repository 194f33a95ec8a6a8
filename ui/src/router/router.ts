import { createSignal } from "solid-js";
import { t } from "../i18n/i18n.ts";

const here = () => location.pathname + location.search;
const [path, setPath] = createSignal(here());
let dirty: () => boolean = () => false;

/** The current path and query, e.g. `/e/customer?q=杭州`. */
export { path };

/**
 * Marks the screen as holding unsaved changes: in-app navigation then asks
 * before leaving, and so does closing or reloading the tab.
 */
export function guardLeaving(isDirty: () => boolean): () => void {
  dirty = isDirty;
  return () => {
    if (dirty === isDirty) dirty = () => false;
  };
}

const mayLeave = () => !dirty() || window.confirm(t("form.leave"));

/** Goes to `to` inside the app; false when the user chose to stay on unsaved changes. */
export function navigate(
  to: string,
  options: { replace?: boolean; force?: boolean } = {},
): boolean {
  if (!options.force && !mayLeave()) return false;
  dirty = () => false;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  setPath(here());
  window.scrollTo(0, 0);
  return true;
}

window.addEventListener("popstate", () => {
  if (!mayLeave()) {
    history.pushState(null, "", path());
    return;
  }
  dirty = () => false;
  setPath(here());
});

window.addEventListener("beforeunload", (event) => {
  if (dirty()) event.preventDefault();
});

/** Query parameters of the current path. */
export const query = () => new URLSearchParams(path().split("?")[1] ?? "");
