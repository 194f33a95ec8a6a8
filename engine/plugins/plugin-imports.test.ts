import { existsSync, readdirSync, readFileSync } from "node:fs";
import path from "node:path";
import ts from "typescript";
import { describe, expect, it } from "vitest";
import { projectRoot } from "../project/project-root.ts";

const pluginsDir = path.join(projectRoot, "plugins");
const pluginApi = path.join(projectRoot, "engine/plugins/plugin-api.ts");
/** Companies' typed SDKs (`npm run cli -- sdk`): their hooks.ts reaches the engine through the plugin API too. */
const sdkDir = path.join(projectRoot, "sdk");

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return entry.name.endsWith(".ts") && !entry.name.endsWith(".test.ts") ? [full] : [];
  });
}

/**
 * A plugin's server code reaches the engine through its plugin API only
 * (plugins/README.md, "Compatibility"): anything else of the engine may
 * change at any release, and its handles are what the walls keep from
 * plugins. Node's own modules, the plugin's own files and a company's SDK
 * (whose hooks.ts is the plugin API's typedHooks) are fine.
 */
describe("the shipped plugins' server code", () => {
  it("imports the engine's plugin API and nothing else of the engine or the packages", () => {
    const wrong: string[] = [];
    for (const plugin of readdirSync(pluginsDir)) {
      const server = path.join(pluginsDir, plugin, "server");
      if (!existsSync(server)) continue;
      for (const file of sources(server)) {
        const source = ts.createSourceFile(
          file,
          readFileSync(file, "utf8"),
          ts.ScriptTarget.Latest,
        );
        for (const statement of source.statements) {
          if (!ts.isImportDeclaration(statement) && !ts.isExportDeclaration(statement)) continue;
          const specifier = statement.moduleSpecifier;
          if (!specifier || !ts.isStringLiteral(specifier)) continue;
          const target = specifier.text;
          if (target.startsWith("node:")) continue;
          const resolved = target.startsWith(".")
            ? path.resolve(path.dirname(file), target)
            : undefined;
          if (
            resolved === pluginApi ||
            resolved?.startsWith(path.join(pluginsDir, plugin) + path.sep) ||
            resolved?.startsWith(sdkDir + path.sep)
          )
            continue;
          wrong.push(`${path.relative(projectRoot, file)} imports ${target}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });
});
