import { createEffect, createSignal, on } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { path } from "../router/router.ts";
import "./tablet.css";

const [menuOpen, setMenuOpen] = createSignal(false);
/** Whether the collapsed sidebar (tablet width) is shown over the content. */
export { menuOpen };

/** At tablet width (≤ 1024 px) the sidebar folds away behind this button; a new screen folds it again. */
export function MenuToggle() {
  createEffect(on(path, () => setMenuOpen(false), { defer: true }));
  return (
    <button
      type="button"
      class="menu-toggle"
      aria-label={t("tools.menuToggle")}
      aria-expanded={menuOpen()}
      onClick={() => setMenuOpen(!menuOpen())}
    >
      <span aria-hidden="true">☰</span>
    </button>
  );
}
