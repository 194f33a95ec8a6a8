import { api } from "../api/http.ts";

/** One administrative division as GET /api/regions answers it (engine/fields/region-tree.ts). */
export interface Region {
  code: string;
  name: string;
  children?: Region[];
}

let loading: Promise<Region[]> | undefined;

/**
 * The divisions, fetched the first time a region field is on screen and kept:
 * about 110 KB that the app's first load never carries. A failed fetch is
 * tried again next time.
 */
export function loadRegions(): Promise<Region[]> {
  loading ??= api<Region[]>("GET", "/api/regions").catch((err: unknown) => {
    loading = undefined;
    throw err;
  });
  return loading;
}

/** The code prefix of everything inside a region: 33 for 330000, 3301 for 330100. */
const prefix = (code: string) =>
  code.endsWith("0000") ? code.slice(0, 2) : code.endsWith("00") ? code.slice(0, 4) : code;

/**
 * The regions from the province down to `code`, e.g. [浙江省, 杭州市, 西湖区];
 * empty when the code is not in the tree.
 */
export function regionPath(tree: readonly Region[], code: string): Region[] {
  const path: Region[] = [];
  let level: readonly Region[] | undefined = tree;
  while (level) {
    const next: Region | undefined = level.find(
      (r) => r.code === code || (!!r.children && code.startsWith(prefix(r.code))),
    );
    if (!next) return [];
    path.push(next);
    if (next.code === code) return path;
    level = next.children;
  }
  return [];
}
