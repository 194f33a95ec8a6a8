/**
 * The version of what plugins are given (plugin-api.ts): a manifest names the
 * range it was built for (`"engineApi": "^1.0.0"`), and a plugin outside it
 * is left off at start. Minor versions add; a major version may change or
 * remove (plugins/README.md, "Compatibility").
 */
export const pluginApiVersion = "1.0.0";
