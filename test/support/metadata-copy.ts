import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { projectRoot } from "../../engine/project/project-root.ts";
import { loadBaseMetadata } from "../../engine/metadata/load-base-metadata.ts";
import type { BaseMetadata } from "../../engine/metadata/metadata-types.ts";

const roots: string[] = [];
process.once("exit", () => roots.forEach((r) => rmSync(r, { recursive: true, force: true })));

/** A throw-away project root holding a copy of the project's metadata/, removed when the run ends. */
export function copyMetadataRoot(): string {
  const root = mkdtempSync(path.join(tmpdir(), "metacrm-metadata-"));
  roots.push(root);
  cpSync(path.join(projectRoot, "metadata"), path.join(root, "metadata"), { recursive: true });
  // The shipped plugins' metadata is part of the base the tests' engines run with.
  cpSync(path.join(projectRoot, "plugins"), path.join(root, "plugins"), { recursive: true });
  return root;
}

/** Changes one JSON file of a copied root in place. */
export function editJson(root: string, file: string, change: (json: any) => void): void {
  const full = path.join(root, file);
  const json = JSON.parse(readFileSync(full, "utf8"));
  change(json);
  writeFileSync(full, JSON.stringify(json, null, 2));
}

/** The project's base metadata as a later release without customer.fax (definition, layout and labels). */
export function baseWithoutCustomerFax(): BaseMetadata {
  const root = copyMetadataRoot();
  const customer = "metadata/entities/customer";
  editJson(root, `${customer}/entity.json`, (e) => delete e.fields.fax);
  editJson(root, `${customer}/form.json`, (f) => {
    delete f.fax;
    f["ui:order"] = f["ui:order"].filter((k: string) => k !== "fax");
    for (const s of f["ui:sections"]) s.fields = s.fields.filter((k: string) => k !== "fax");
  });
  for (const l of ["labels.en.json", "labels.zh-CN.json"]) {
    editJson(root, `${customer}/${l}`, (j) => delete j.fields.fax);
  }
  return loadBaseMetadata(root);
}
