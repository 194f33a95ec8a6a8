import { HookRefusal, tr, type PluginRecordHooks } from "../../../engine/plugins/plugin-api.ts";

/** A note's title is kept trimmed, and a title of fewer than 2 characters is refused on its field. */
export const noteHooks: PluginRecordHooks = {
  entity: "x_pluginname_note",
  beforeCreate({ values }) {
    const title = String(values.title).trim();
    if (title.length < 2)
      throw new HookRefusal("title", tr("a note's title needs at least 2 characters"));
    values.title = title;
  },
};
