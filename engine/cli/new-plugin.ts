import { existsSync } from "node:fs";
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { engineModules } from "../engine-modules.ts";
import { pluginApiVersion } from "../plugins/plugin-api-version.ts";
import { pluginManifestSchema } from "../plugins/plugin-manifest.ts";
import { projectRoot } from "../project/project-root.ts";
import { formatSource } from "../sdk/format-source.ts";
import { UsageError } from "./usage-error.ts";

/** The folder a new plugin is copied from: a working plugin named `pluginname`. */
export const pluginTemplateDir = path.join(projectRoot, "scripts/plugin-template");

const token = "pluginname";
const namePattern = new RegExp(pluginManifestSchema.properties.name.pattern!);

/** Why `name` cannot name a new plugin under `root`, or undefined when it can. */
export function pluginNameProblem(root: string, name: string): string | undefined {
  if (!namePattern.test(name))
    return `a plugin's name is 2 to 30 lower-case letters and digits, starting with a letter (it names its folder, its routes /api/x/<name> and its tables x_<name>_…), not "${name.slice(0, 60)}"`;
  if (engineModules.some((m) => m.key === name))
    return `"${name}" is the name of an engine module: a plugin needs a name of its own`;
  if (existsSync(path.join(root, "plugins", name)))
    return `plugins/${name} exists already: choose another name, or remove that folder first`;
  return undefined;
}

/**
 * `plugin new <name>`: copies the template into `<root>/plugins/<name>/`,
 * its name put in place of the template's in every path and text, its
 * engine API range set to this engine's, each file formatted as the
 * project's. Returns the files written, relative to `root`.
 */
export async function newPlugin(root: string, name: string): Promise<string[]> {
  const problem = pluginNameProblem(root, name);
  if (problem) throw new UsageError(problem);
  const title = name[0]!.toUpperCase() + name.slice(1);
  const named = (text: string) =>
    text.replaceAll(token, name).replaceAll(token[0]!.toUpperCase() + token.slice(1), title);
  const written: string[] = [];
  for (const file of await templateFiles(pluginTemplateDir)) {
    const target = path.join(root, "plugins", name, named(file));
    let text = named(await readFile(path.join(pluginTemplateDir, file), "utf8"));
    if (file === "plugin.json")
      text = text.replace(/"engineApi": "[^"]*"/, `"engineApi": "^${pluginApiVersion}"`);
    await mkdir(path.dirname(target), { recursive: true });
    await writeFile(target, await formatSource(text, target));
    written.push(path.relative(root, target));
  }
  return written;
}

async function templateFiles(dir: string, under = ""): Promise<string[]> {
  const entries = await readdir(path.join(dir, under), { withFileTypes: true });
  const files = await Promise.all(
    entries.map((entry) => {
      const relative = path.join(under, entry.name);
      return entry.isDirectory() ? templateFiles(dir, relative) : [relative];
    }),
  );
  return files.flat().sort();
}
