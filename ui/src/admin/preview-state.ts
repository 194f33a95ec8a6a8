import { createSignal } from "solid-js";
import { setPreviewAs } from "../api/http.ts";
import { loadMeta } from "../api/meta-store.ts";
import { navigate } from "../router/router.ts";
import { adminPath } from "./admin-paths.ts";

const [previewing, setPreviewing] = createSignal<{ id: string; name: string }>();

/** The user an admin is previewing the app as ("view as"), or undefined. */
export { previewing };

function mark(user: { id: string; name: string } | undefined) {
  setPreviewAs(user?.id);
  setPreviewing(user);
  // admin.css hides the buttons that would write: a preview only reads.
  document.documentElement.classList.toggle("previewing", !!user);
}

/**
 * Shows menus, lists and records as `user` sees them: every read carries
 * X-View-As, which the engine answers as that user and audits. No session of
 * theirs is created.
 */
export async function enterPreview(user: { id: string; name: string }) {
  mark(user);
  try {
    await loadMeta();
  } catch (err) {
    // The user's metadata could not be read: back to the admin's own, and say why.
    mark(undefined);
    await loadMeta();
    throw err;
  }
  navigate("/", { force: true });
}

export async function exitPreview() {
  mark(undefined);
  await loadMeta();
  navigate(adminPath("users"), { force: true });
}

/** Ends a preview without reloading anything (the session ended). */
export const dropPreview = () => {
  if (previewing()) mark(undefined);
};
