import { definePluginUi } from "../../../ui/src/plugins/plugin-sdk.ts";
import { CountedText } from "./counted-text.tsx";

/** The pluginname plugin's screens: a widget its note's form uses ("ui:widget": "pluginname.counted"). */
export default definePluginUi({
  widgets: { counted: CountedText },
});
