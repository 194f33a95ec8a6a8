import { Show } from "solid-js";
import { t } from "../i18n/i18n.ts";

/** The end of an admin form: why the last save failed, if it did, then Save and Cancel. */
export function FormFooter(props: { failure: string | undefined; onCancel: () => void }) {
  return (
    <>
      <Show when={props.failure}>
        <p role="alert" class="error">
          {props.failure}
        </p>
      </Show>
      <div class="actions">
        <button type="submit" class="primary">
          {t("common.save")}
        </button>
        <button type="button" onClick={() => props.onCancel()}>
          {t("common.cancel")}
        </button>
      </div>
    </>
  );
}
