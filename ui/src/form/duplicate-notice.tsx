import { For, Show } from "solid-js";
import { meta } from "../api/meta-store.ts";
import { fieldLabel, t } from "../i18n/i18n.ts";
import { paths } from "../router/routes.ts";
import { hasDuplicates, type DuplicateAnswer } from "./duplicate-check.ts";

/**
 * The possible duplicates of the record being entered, each a link (opened
 * beside the form, so that nothing typed is lost) with the fields that
 * matched, and how many others the user may not see.
 */
export function DuplicateNotice(props: { entity: string; answer: DuplicateAnswer }) {
  const view = () => meta()!.entities[props.entity]!;
  const title = (record: Record<string, unknown>) =>
    String(record[view().titleField] ?? record.id ?? "");
  return (
    <Show when={hasDuplicates(props.answer)}>
      <section
        class="banner duplicate-notice"
        classList={{ blocking: props.answer.mode === "block" }}
        role="status"
        aria-label={t("form.duplicates")}
      >
        <strong>
          {t(props.answer.mode === "block" ? "form.duplicatesBlock" : "form.duplicatesWarn")}
        </strong>
        <ul>
          <For each={props.answer.duplicates}>
            {(d) => (
              <li>
                <a href={paths.detail(props.entity, d.id)} target="_blank" rel="noopener">
                  {title(d.record)}
                </a>{" "}
                <span class="muted">
                  {t("form.duplicateFields", {
                    fields: d.fields.map((f) => fieldLabel(view(), f)).join(", "),
                  })}
                </span>
              </li>
            )}
          </For>
          <Show when={props.answer.hidden > 0}>
            <li>{t("form.duplicatesHidden", { count: props.answer.hidden })}</li>
          </Show>
        </ul>
      </section>
    </Show>
  );
}
