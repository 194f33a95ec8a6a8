import path from "node:path";
import ts from "typescript";
import { projectRoot } from "../../engine/project/project-root.ts";

/**
 * Type-checks `files` as `tsc --noEmit` checks the project (the options of
 * its tsconfig, or of `ui/tsconfig.json` for the UI's files) and returns each
 * file's errors as text, `[]` for a clean one.
 */
export function typeErrors(
  files: readonly string[],
  configFile = path.join(projectRoot, "tsconfig.json"),
): Map<string, string[]> {
  const { config } = ts.readConfigFile(configFile, ts.sys.readFile);
  const { options } = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(configFile));
  const program = ts.createProgram(files, options);
  const errors = new Map(files.map((f) => [path.resolve(f), [] as string[]]));
  for (const d of ts.getPreEmitDiagnostics(program)) {
    const file = d.file ? path.resolve(d.file.fileName) : "(no file)";
    const text = ts.flattenDiagnosticMessageText(d.messageText, "\n");
    errors.set(file, [...(errors.get(file) ?? []), text]);
  }
  return errors;
}
