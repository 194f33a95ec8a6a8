import { ApiError, type PluginRoutes } from "../../../engine/plugins/plugin-api.ts";
import { checkSettings } from "./check-settings.ts";
import { settingsPatch, settingsView } from "./settings-schema.ts";
import { readSettings, saveSettings, type StoredSettings } from "./sms-settings.ts";

const tags = ["sms"];

const view = ({ settings, configured, updatedAt }: StoredSettings) => {
  const { apiKey, ...shown } = settings;
  return { configured, ...shown, keySet: apiKey !== null, updatedAt };
};

/** `/api/x/sms/settings`: the company's gateway and limits, for its admins. */
export function settingsRoutes(routes: PluginRoutes): void {
  routes.route(
    "GET",
    "/settings",
    {
      policy: "admin",
      operationId: "getSmsSettings",
      summary: "The company's SMS gateway and limits",
      tags,
      responses: {
        200: { description: "The settings; the key only as set or not.", schema: settingsView },
      },
    },
    async (c, _input, { db }) => c.json(view(await readSettings(db))),
  );

  routes.route(
    "PATCH",
    "/settings",
    {
      policy: "admin",
      operationId: "updateSmsSettings",
      summary: "Change the company's SMS gateway and limits",
      description:
        "Settings not given stay as they are; the first change saves the defaults with it.",
      tags,
      body: settingsPatch,
      responses: { 200: { description: "The settings as saved.", schema: settingsView } },
    },
    // Not in a transaction: checking the address may wait for DNS, and two admins
    // saving at once is a case of the last one's settings winning.
    async (c, { body }, { db, actor, now }) => {
      const changed = { ...(await readSettings(db)).settings, ...body };
      const problems = await checkSettings(changed);
      if (problems.length > 0) throw ApiError.invalidRequest([...problems]);
      await saveSettings(db, changed, actor, now());
      return c.json(view(await readSettings(db)));
    },
  );
}
