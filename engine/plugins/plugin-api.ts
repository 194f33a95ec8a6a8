/**
 * The engine as a plugin sees it: the one file a plugin's code imports
 * (plugins/README.md). What is here keeps its meaning within a major version
 * of the plugin API (plugin-api-version.ts); nothing else of the engine is
 * promised to a plugin, and the plugins' own test fails on other imports.
 */
export { Type, type Static, type TSchema } from "@sinclair/typebox";
export { ApiError } from "../http/api-error.ts";
export { tr, type Text } from "../i18n/text.ts";
export { HookRefusal } from "../records/record-hooks.ts";
export type { RecordJson } from "../query/record-json.ts";
export type { PermissionAction } from "../modules/engine-module.ts";
export type { CompanyDb } from "./company-db.ts";
export { pluginApiVersion } from "./plugin-api-version.ts";
export { typedHooks, type EntityShapes, type TypedRecordHooks } from "./typed-hooks.ts";
export {
  defineEffect,
  definePlugin,
  type PluginAfterWrite,
  type PluginBeforeWrite,
  type PluginCompany,
  type PluginContext,
  type PluginDefinition,
  type PluginEffect,
  type PluginJob,
  type PluginMigration,
  type PluginRecordHooks,
  type PluginRoutes,
} from "./plugin-definition.ts";
