import { Show } from "solid-js";
import { t } from "../i18n/i18n.ts";
import { exitPreview, previewing } from "./preview-state.ts";

/** While previewing: whose eyes the screens show, and the way back. */
export function PreviewBanner() {
  return (
    <Show when={previewing()}>
      {(user) => (
        <div class="preview-banner" role="status">
          <strong>{t("admin.preview.banner", { name: user().name })}</strong>
          <button type="button" onClick={() => void exitPreview()}>
            {t("admin.preview.exit")}
          </button>
        </div>
      )}
    </Show>
  );
}
