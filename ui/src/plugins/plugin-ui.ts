import type { Component } from "solid-js";
import type { EntityView } from "../../../metadata/types.gen.ts";
import type { RecordData } from "../api/meta-types.ts";
import type { MessageKey } from "../i18n/i18n.ts";
import type { WidgetProps } from "../form/widget-props.ts";

/** What a detail-page panel is given: the entity and its record as the page shows them. */
export interface PanelProps {
  entity: EntityView;
  record: RecordData;
  /** Reads the record and its related lists again (after the panel changed what they show). */
  reload: () => void;
}

/**
 * A section of an entity's detail page, below its fields. `title` is a key
 * of the plugin's texts (`ui/texts/<locale>.json`).
 */
export interface PanelContribution {
  entity: string;
  /** Unique within the plugin; the panel's id on the page is `plugin-<plugin>-<key>`. */
  key: string;
  title: MessageKey;
  component: Component<PanelProps>;
}

/**
 * A button among a list's tools for the rows selected: `run` gets their ids;
 * what it throws is shown to the user, and the list is read again after it.
 */
export interface ListActionContribution {
  entity: string;
  key: string;
  label: MessageKey;
  run: (ids: string[]) => Promise<void>;
}

/**
 * A screen of its own at `/x/<plugin>/<path>`; with `menu`, the sidebar
 * links to it (under "Plugins").
 */
export interface PageContribution {
  /** Lower-case words and dashes, e.g. `balances`; may not be empty. */
  path: string;
  title: MessageKey;
  menu?: boolean;
  component: Component;
}

/**
 * The default export of `plugins/<name>/ui/index.tsx`: what the plugin adds
 * to the screens of companies that have it on. A form picks one of its
 * widgets with `"ui:widget": "<name>.<widget>"`.
 */
export interface PluginUi {
  widgets?: Record<string, Component<WidgetProps>>;
  panels?: PanelContribution[];
  listActions?: ListActionContribution[];
  pages?: PageContribution[];
}

/**
 * Checks a plugin's UI contributions against the contract at compile time.
 *
 * @example
 * export default definePluginUi({
 *   panels: [{ entity: "customer", key: "points", title: "loyalty.points", component: PointsPanel }],
 * });
 */
export const definePluginUi = (ui: PluginUi): PluginUi => ui;
