import { Type, type Static } from "@sinclair/typebox";
import { readFileSync } from "node:fs";
import path from "node:path";
import semver from "semver";
import type { ApiError, FieldProblem } from "../http/api-error.ts";
import { jsonChecker } from "../http/route-validator.ts";
import { tr, type Text } from "../i18n/text.ts";
import { pluginApiVersion } from "./plugin-api-version.ts";

const wordsPerLocale = Type.Object(
  {
    en: Type.String({ minLength: 1, maxLength: 200 }),
    "zh-CN": Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

/** `plugins/<name>/plugin.json`: what the plugin is and what it needs. */
export const pluginManifestSchema = Type.Object(
  {
    $schema: Type.Optional(Type.String()),
    /** The folder's name; also the plugin's module key, its routes' `/api/x/<name>` and its tables' `x_<name>_`. */
    name: Type.String({ pattern: "^[a-z][a-z0-9]{1,29}$" }),
    version: Type.String({ maxLength: 50 }),
    /** The range of engine plugin API versions it works with, e.g. `^1.0.0`. */
    engineApi: Type.String({ maxLength: 50 }),
    label: wordsPerLocale,
    description: wordsPerLocale,
    /** Modules and plugins it needs on; they are migrated first and cannot be switched off under it. */
    dependsOn: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 20 })),
    /** The menus (modules.json) of its metadata: their entities come and go with the plugin. */
    menus: Type.Optional(Type.Array(Type.String({ maxLength: 40 }), { maxItems: 10 })),
  },
  { additionalProperties: false },
);

export type PluginManifest = Static<typeof pluginManifestSchema>;

const checkManifest = jsonChecker(pluginManifestSchema);

/** Why a plugin folder cannot be loaded, for the start's report. */
export class PluginLoadError extends Error {
  constructor(
    readonly plugin: string,
    readonly reason: Text,
  ) {
    super(`plugin "${plugin}" was left off: ${reason.toString()}`);
  }
}

/** Reads and checks a plugin folder's manifest: its schema, its name against its folder, its engine range. */
export function readManifest(dir: string): PluginManifest {
  const folder = path.basename(dir);
  let manifest: unknown;
  try {
    manifest = JSON.parse(readFileSync(path.join(dir, "plugin.json"), "utf8"));
  } catch (err) {
    throw new PluginLoadError(
      folder,
      tr("its plugin.json cannot be read: {reason}", { reason: (err as Error).message }),
    );
  }
  try {
    checkManifest(manifest);
  } catch (err) {
    const { fields } = (err as ApiError).details as { fields: FieldProblem[] };
    throw new PluginLoadError(
      folder,
      tr("its plugin.json is not valid: {problems}", {
        problems: fields.map((p) => `${p.field || "/"}: ${p.message.toString()}`).join("; "),
      }),
    );
  }
  const checked = manifest as PluginManifest;
  if (checked.name !== folder)
    throw new PluginLoadError(
      folder,
      tr('its plugin.json names it "{name}": a plugin is named after its folder', {
        name: checked.name,
      }),
    );
  if (!semver.valid(checked.version))
    throw new PluginLoadError(
      folder,
      tr('its version "{version}" is not a semantic version', { version: checked.version }),
    );
  if (
    !semver.validRange(checked.engineApi) ||
    !semver.satisfies(pluginApiVersion, checked.engineApi)
  )
    throw new PluginLoadError(
      folder,
      tr("it needs the engine's plugin API {range}; this engine offers {version}", {
        range: checked.engineApi,
        version: pluginApiVersion,
      }),
    );
  return checked;
}
