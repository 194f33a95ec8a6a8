/**
 * What a plugin's UI (`plugins/<name>/ui/`) imports from the app, and all it
 * should: these names keep their meaning between engine versions of the
 * same major (plugins/README.md, "Compatibility"); anything else in ui/src
 * may change under a plugin without notice.
 *
 * @example
 * import { api, definePluginUi, t, type PanelProps } from "../../../ui/src/plugins/plugin-sdk.ts";
 */
export { definePluginUi } from "./plugin-ui.ts";
export type {
  ListActionContribution,
  PageContribution,
  PanelContribution,
  PanelProps,
  PluginUi,
} from "./plugin-ui.ts";
export type { WidgetProps } from "../form/widget-props.ts";
export { controlAttrs } from "../form/widget-props.ts";
export { api } from "../api/http.ts";
export { ApiFailure } from "../api/api-failure.ts";
export type { RecordData } from "../api/meta-types.ts";
export { meta } from "../api/meta-store.ts";
export { entityLabel, fieldLabel, locale, optionLabel, t } from "../i18n/i18n.ts";
export { allows } from "../api/entity-actions.ts";
export { formatValue } from "../format/format-field.ts";
export { formatDecimal, formatInstant } from "../format/format-value.ts";
export { Link } from "../router/link.tsx";
export { navigate } from "../router/router.ts";
export { paths } from "../router/routes.ts";
