import { definePluginUi } from "../../../ui/src/plugins/plugin-sdk.ts";
import { PointsPanel } from "./points-panel.tsx";

/** Loyalty's screens: the points panel on a customer's page. */
export default definePluginUi({
  panels: [{ entity: "customer", key: "points", title: "loyalty.title", component: PointsPanel }],
});
