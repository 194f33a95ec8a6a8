import { createSignal, Show } from "solid-js";
import { logOut, session } from "../api/session.ts";
import { t } from "../i18n/i18n.ts";
import { navigate } from "../router/router.ts";
import { previewing } from "../admin/preview-state.ts";
import { density, setDensity } from "./density.ts";
import { PasswordDialog } from "./password-dialog.tsx";

/**
 * Log out, switch user (X5: back to login with the company filled in), change
 * password (X6), and the compact density (kept for the user on the server).
 */
export function UserMenu() {
  const [open, setOpen] = createSignal(false);
  const [changing, setChanging] = createSignal(false);
  const name = () => session()?.user.displayName ?? session()?.user.username ?? "";
  const leave = async (switchUser: boolean) => {
    const company = session()?.company.slug ?? "";
    if (!navigate(switchUser ? `/login?company=${encodeURIComponent(company)}` : "/login")) return;
    setOpen(false);
    await logOut();
  };
  return (
    <div class="popover-anchor">
      <button
        type="button"
        id="user-menu-button"
        aria-haspopup="menu"
        aria-expanded={open()}
        aria-controls="user-menu"
        aria-label={`${t("shell.userMenu")}: ${name()}`}
        onClick={() => setOpen(!open())}
      >
        {name()} ▾
      </button>
      <Show when={open()}>
        <ul id="user-menu" class="popover menu" role="menu" aria-labelledby="user-menu-button">
          <li role="none">
            <button
              type="button"
              role="menuitem"
              onClick={() => {
                setOpen(false);
                setChanging(true);
              }}
            >
              {t("shell.changePassword")}
            </button>
          </li>
          <Show when={!previewing()}>
            <li role="none">
              <button
                type="button"
                role="menuitemcheckbox"
                aria-checked={density() === "compact"}
                onClick={() => {
                  setOpen(false);
                  void setDensity(density() === "compact" ? "comfortable" : "compact");
                }}
              >
                <span aria-hidden="true">{density() === "compact" ? "✓ " : ""}</span>
                {t("shell.compact")}
              </button>
            </li>
          </Show>
          <li role="none">
            <button type="button" role="menuitem" onClick={() => leave(true)}>
              {t("shell.switchUser")}
            </button>
          </li>
          <li role="none">
            <button type="button" role="menuitem" onClick={() => leave(false)}>
              {t("shell.logout")}
            </button>
          </li>
        </ul>
      </Show>
      <Show when={changing()}>
        <PasswordDialog onClose={() => setChanging(false)} />
      </Show>
    </div>
  );
}
