import { regionTree, type Region } from "./region-tree.ts";

/**
 * Legal forms and group words a company name carries or leaves out at will,
 * longest first so that 股份有限公司 goes whole rather than as 公司.
 */
const suffixes = [
  "股份有限公司",
  "有限责任公司",
  "集团有限公司",
  "有限公司",
  "总公司",
  "分公司",
  "公司",
  "集团",
  "股份",
];

/** The same in Latin letters, taken as whole words only: "Tesco" is no "Tes Co.". */
const latinSuffixes = new Set([
  "corporation",
  "company",
  "limited",
  "group",
  "corp",
  "gmbh",
  "ltd",
  "llc",
  "inc",
  "co",
]);

/** Administrative words that follow a place's short name: 浙江省 is also written 浙江. */
const placeWords = /(壮族自治区|回族自治区|维吾尔自治区|特别行政区|自治区|自治州|地区|省|市|盟)$/u;

/** Place names of provinces and cities, full and short, longest first. */
let places: readonly string[] | undefined;

function placeNames(): readonly string[] {
  if (places) return places;
  const names = new Set<string>();
  const add = (region: Region) => {
    names.add(region.name);
    const short = region.name.replace(placeWords, "");
    if (short.length >= 2) names.add(short);
  };
  for (const province of regionTree()) {
    add(province);
    for (const city of province.children ?? []) if (city.children) add(city);
  }
  places = [...names].sort((a, b) => b.length - a.length);
  return places;
}

/** Parentheses around a place, as in 恒达科技（杭州）有限公司: written or left out at will. */
const bracketed = /\(([^()]*)\)/gu;
const separators = /[\p{P}\p{S}\p{Z}\s]/gu;

/** A name must keep this much once its place and legal form are gone, or it keeps them. */
const minimumCore = 2;

function stripSuffixes(name: string): string {
  for (let again = true; again;) {
    again = false;
    for (const suffix of suffixes)
      if (name.endsWith(suffix) && name.length - suffix.length >= minimumCore) {
        name = name.slice(0, -suffix.length);
        again = true;
        break;
      }
  }
  return name;
}

function stripPlaces(name: string): string {
  for (let again = true; again;) {
    again = false;
    for (const place of placeNames())
      if (name.startsWith(place) && name.length - place.length >= minimumCore) {
        name = name.slice(place.length);
        again = true;
        break;
      }
  }
  return name;
}

/**
 * The part of a company name that tells one company from another, for
 * finding duplicates: full-width forms made half-width (NFKC) and lower
 * case, a place in brackets, spaces and punctuation dropped, then legal
 * forms (有限公司, 股份, 集团, Co., Ltd.) from the end and provinces and
 * cities (浙江, 杭州市) from the start. Undefined when nothing is left.
 *
 * @example normaliseCompanyName("浙江杭州 恒达科技股份有限公司") // "恒达科技"
 */
export function normaliseCompanyName(value: string): string | undefined {
  const folded = value.normalize("NFKC").toLowerCase();
  const unbracketed = folded.replace(bracketed, (whole, inner: string) =>
    placeNames().includes(inner.trim()) ? "" : inner,
  );
  const words = unbracketed.split(separators).filter((w) => w !== "");
  while (words.length > 1 && latinSuffixes.has(words[words.length - 1]!)) words.pop();
  const core = stripPlaces(stripSuffixes(words.join("")));
  return core === "" ? undefined : core;
}
