import type { Component } from "solid-js";
import type { WidgetProps } from "../form/widget-props.ts";
import { pluginUis } from "./plugin-store.ts";
import type { ListActionContribution, PageContribution, PanelContribution } from "./plugin-ui.ts";

/** What a contribution is, with the plugin it comes from. */
export type From<T> = T & { plugin: string };

const all = <T>(pick: (ui: ReturnType<typeof pluginUis>[number]["ui"]) => T[] | undefined) =>
  pluginUis().flatMap(({ plugin, ui }) => (pick(ui) ?? []).map((c) => ({ ...c, plugin })));

/** The widget `"ui:widget": "<plugin>.<widget>"` names, when that plugin is on and has it. */
export function pluginWidget(name: string): Component<WidgetProps> | undefined {
  const dot = name.indexOf(".");
  if (dot < 0) return undefined;
  const plugin = pluginUis().find((p) => p.plugin === name.slice(0, dot));
  return plugin?.ui.widgets?.[name.slice(dot + 1)];
}

/** Plugin panels of an entity's detail page. */
export const pluginPanels = (entity: string): From<PanelContribution>[] =>
  all((ui) => ui.panels).filter((p) => p.entity === entity);

/** Plugin actions on an entity's selected rows. */
export const pluginListActions = (entity: string): From<ListActionContribution>[] =>
  all((ui) => ui.listActions).filter((a) => a.entity === entity);

/** Plugin pages, each at `/x/<plugin>/<path>`. */
export const pluginPages = (): From<PageContribution>[] => all((ui) => ui.pages);

export const pluginPagePath = (page: From<PageContribution>) => `/x/${page.plugin}/${page.path}`;
