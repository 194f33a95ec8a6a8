import { Show } from "solid-js";
import { meta } from "../../api/meta-store.ts";
import { t } from "../../i18n/i18n.ts";
import { differsFromUser, fromZonedLocal, toZonedLocal } from "../../format/zoned-time.ts";
import { controlAttrs, type WidgetProps } from "../widget-props.ts";

/**
 * An instant, shown and typed in the company's time zone (not the browser's),
 * sent as ISO UTC. The zone is named beside the input when the user's own
 * clock reads differently; otherwise it would only be noise.
 */
export function DatetimeWidget(props: WidgetProps) {
  const zone = () => meta()!.company.settings.timezone;
  return (
    <span class="unit-input">
      <input
        {...controlAttrs(props)}
        type="datetime-local"
        value={props.value ? toZonedLocal(String(props.value), zone()) : ""}
        readOnly={props.readOnly}
        onInput={(e) =>
          props.onChange(
            e.currentTarget.value ? fromZonedLocal(e.currentTarget.value, zone()) : null,
          )
        }
      />
      <Show when={differsFromUser(zone())}>
        <span class="unit" title={t("form.timezone", { zone: zone() })}>
          {zone()}
        </span>
      </Show>
    </span>
  );
}
