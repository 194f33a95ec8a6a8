/**
 * Demo records for a new company: customers, contacts, activities and
 * products of a made-up Chinese IT/office-supplies trader. The output is
 * deterministic (seeded PRNG, fixed "today"), so demos and tests are stable.
 *
 * @example
 * for (const { entity, records } of demoRecords(() => uuidv7())) await insertAll(entity, records);
 */
import { regionByNames } from "../fields/region-tree.ts";
import {
  activityContents,
  activityResults,
  activitySubjects,
  brandWords,
  buildings,
  bureaus,
  catalogue,
  cities,
  customerRemarks,
  decisionMakers,
  femaleGivenNames,
  industrySuffixes,
  industryWeights,
  maleGivenNames,
  mobilePrefixes,
  positions,
  sourceWeights,
  streets,
  surnames,
  type DemoCity,
} from "./demo-names.ts";

type DemoRecord = Record<string, unknown>;
type NewId = () => string;

/** The demo's "today", 2026-11-20 00:00 in Asia/Shanghai (UTC+8). */
const TODAY = Date.UTC(2026, 10, 19, 16);
const DAY = 86_400_000;

/** mulberry32: a tiny seeded PRNG, good enough for demo data. */
function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Reseeded by every demoRecords() call, so each call returns the same data. */
const rng = { next: mulberry32(20261120) };
const int = (min: number, max: number): number => min + Math.floor(rng.next() * (max - min + 1));
const chance = (p: number): boolean => rng.next() < p;
function pick<T>(items: readonly T[]): T {
  const item = items[Math.floor(rng.next() * items.length)];
  if (item === undefined) throw new Error("pick from an empty list");
  return item;
}
/** Picks a key with probability proportional to its weight. */
function weighted<K extends string>(weights: Record<K, number>): K {
  const entries = Object.entries(weights) as [K, number][];
  let r = rng.next() * entries.reduce((sum, [, w]) => sum + w, 0);
  for (const [key, w] of entries) if ((r -= w) < 0) return key;
  return entries[entries.length - 1]![0];
}

const digits = (n: number): string => Array.from({ length: n }, () => int(0, 9)).join("");
const money = (yuan: number): string => yuan.toFixed(2);
const decimal = (value: number, scale: number): string => value.toFixed(scale);
const isoDate = (ms: number): string => new Date(ms + 8 * 3_600_000).toISOString().slice(0, 10);
/** A Shanghai working-day time `days` from today, as an ISO UTC datetime. */
function workTime(days: number, hour: number, minute: number): number {
  let ms = TODAY + days * DAY;
  const weekday = new Date(ms + 8 * 3_600_000).getUTCDay();
  if (weekday === 6) ms -= DAY;
  if (weekday === 0) ms += DAY;
  return ms + hour * 3_600_000 + minute * 60_000;
}
const iso = (ms: number): string => new Date(ms).toISOString();

const landline = (city: DemoCity): string =>
  `${city.areaCode}-${int(5, 8)}${digits(3)} ${digits(4)}`;
/** A customer's region (its district where the divisions have one) and the address below it. */
function located(city: DemoCity, district: string, street: string) {
  const names =
    city.province === `${city.city}市`
      ? [city.province, district]
      : [city.province, `${city.city}市`, district];
  const region = regionByNames(names)!;
  // The address says what the region does not (Dongguan's townships).
  return {
    region: region.code,
    address: region.name === district ? street : `${district}${street}`,
  };
}
const mobile = (): string => `${pick(mobilePrefixes)} ${digits(4)} ${digits(4)}`;

interface Company {
  readonly record: DemoRecord;
  readonly city: DemoCity;
  readonly domain: string;
  readonly contacts: DemoRecord[];
}

function makeCompanies(count: number, newId: NewId): Company[] {
  const names = new Set<string>();
  const domains = new Set<string>();
  const companies: Company[] = [];
  while (companies.length < count) {
    // Cities are listed roughly by size; favour the big ones.
    const city = cities[Math.floor(rng.next() ** 1.4 * cities.length)]!;
    const word = pick(brandWords);
    const industry = weighted(industryWeights);
    const [suffix = "", tail = "", short = ""] = pick(industrySuffixes[industry] ?? ["|"]).split(
      "|",
    );
    const bureau = `${pick(city.districts)}${pick(bureaus)}`;
    const name =
      industry === "government" ? `${city.city}市${bureau}` : `${city.city}${word.zh}${suffix}`;
    if (names.has(name)) continue;
    names.add(name);
    let domain = `${city.initials}${word.py}.com${chance(0.4) ? ".cn" : ""}`;
    if (industry === "government") domain = `${city.initials}.gov.cn`;
    else if (domains.has(domain)) domain = `${word.py}${tail}.com`;
    domains.add(domain);

    const quality = weighted({ A: 15, B: 35, C: 35, D: 15 });
    const category =
      industry === "government"
        ? "customer"
        : weighted({ customer: 50, prospect: 30, partner: 6, dealer: 8, supplier: 6 });
    const keyAccount = quality === "A" && category === "customer";
    const employees =
      industry === "government" ? int(40, 300) : pick([int(8, 50), int(50, 300), int(300, 3000)]);
    const credit =
      { A: int(50, 200), B: int(10, 50), C: int(2, 10), D: int(0, 2) }[quality] * 10_000;
    const tags = new Set<string>();
    if (keyAccount) tags.add("vip");
    for (let i = int(0, 2); i > 0; i--)
      tags.add(pick(["highPotential", "longTerm", "priceSensitive", "needsVisit", "overseas"]));
    const phone = landline(city);
    const street = `${pick(streets)}${int(1, 999)}号${chance(0.6) ? `${pick(buildings)}${int(2, 28)}层` : ""}`;
    const record: DemoRecord = {
      id: newId(),
      name,
      shortName: industry === "government" ? bureau : `${word.zh}${short}`,
      quality,
      category,
      industry,
      source: weighted(sourceWeights),
      phone,
      ...(chance(0.5) ? { fax: `${phone.slice(0, -4)}${digits(4)}` } : {}),
      email: `${pick(["info", "sales", "service", "office", "contact"])}@${domain}`,
      ...(industry !== "government" && chance(0.7) ? { website: `https://www.${domain}` } : {}),
      province: city.province,
      city: city.city,
      ...located(city, pick(city.districts), street),
      postalCode: city.postalCode,
      creditLimit: money(credit),
      ...(chance(0.7) ? { annualRevenue: money(employees * int(20, 120) * 10_000) } : {}),
      employees,
      tags: [...tags],
      isKeyAccount: keyAccount,
      ...(chance(0.35) ? { remark: pick(customerRemarks) } : {}),
    };
    companies.push({ record, city, domain, contacts: [] });
  }
  return companies;
}

function makeContact(company: Company, key: boolean, newId: NewId): DemoRecord {
  const female = chance(0.4);
  const surname = pick(surnames);
  const given = pick(female ? femaleGivenNames : maleGivenNames);
  const position = key ? positions[int(0, decisionMakers - 1)]! : pick(positions);
  const cell = mobile();
  const birthday = TODAY - int(24 * 365, 58 * 365) * DAY;
  return {
    id: newId(),
    customer: company.record.id,
    name: `${surname.zh}${given.zh}`,
    gender: female ? "female" : "male",
    title: position.title,
    department: position.department,
    mobile: cell,
    ...(chance(0.7) ? { phone: landline(company.city) } : {}),
    email: chance(0.8)
      ? `${surname.py}${given.py}@${company.domain}`
      : `${digits(9).replace(/^0/, "1")}@qq.com`,
    ...(chance(0.6)
      ? { wechat: chance(0.5) ? cell.replace(/ /g, "") : `${given.py}_${surname.py}${digits(2)}` }
      : {}),
    ...(chance(0.5) ? { birthday: isoDate(birthday) } : {}),
    isKeyContact: key,
  };
}

function makeActivities(n: number, companies: Company[], products: string[], newId: NewId) {
  const activities: DemoRecord[] = [];
  for (let i = 0; i < n; i++) {
    const company = companies[Math.floor(rng.next() ** 1.5 * companies.length)]!;
    const kind = weighted({ call: 40, visit: 20, email: 15, meeting: 10, sms: 10, other: 5 });
    const fill = (text: string): string =>
      text.replace("{p}", pick(products)).replace("{c}", String(company.record.shortName));
    const days = int(-180, 30);
    const start = workTime(days, int(9, 17), pick([0, 15, 30, 45]));
    const minutes = {
      call: int(5, 30),
      visit: int(60, 180),
      email: 10,
      meeting: int(45, 120),
      sms: 5,
      other: 60,
    }[kind];
    const past = start < TODAY + 8 * 3_600_000;
    const status = past ? weighted({ done: 88, cancelled: 6, planned: 6 }) : "planned";
    const contact =
      company.contacts.length > 0 && chance(0.85) ? pick(company.contacts) : undefined;
    activities.push({
      id: newId(),
      subject: fill(pick(activitySubjects[kind] ?? [])),
      customer: company.record.id,
      ...(contact ? { contact: contact.id } : {}),
      kind,
      status,
      priority: weighted({ high: 15, normal: 70, low: 15 }),
      startAt: iso(start),
      endAt: iso(start + minutes * 60_000),
      ...(status === "planned"
        ? { remindAt: iso(start - (kind === "visit" ? DAY : 30 * 60_000)) }
        : {}),
      ...(kind === "visit"
        ? { location: `${company.city.city}${String(company.record.address)}` }
        : {}),
      ...(kind === "meeting"
        ? { location: pick(["公司三楼会议室", "客户会议室", "线上（腾讯会议）"]) }
        : {}),
      content: fill(pick(activityContents)),
      ...(status === "done" ? { result: pick(activityResults) } : {}),
    });
  }
  return activities.sort((a, b) => String(a.startAt).localeCompare(String(b.startAt)));
}

/** Fills each customer's last contact and next follow-up from its activities. */
function summarise(companies: Company[], activities: DemoRecord[]): void {
  for (const { record } of companies) {
    const own = activities.filter((a) => a.customer === record.id);
    const done = own.filter((a) => a.status === "done").at(-1);
    const next = own.find((a) => a.status === "planned" && String(a.startAt) >= iso(TODAY));
    if (done) record.lastContactAt = done.startAt;
    if (next) record.nextFollowUp = isoDate(Date.parse(String(next.startAt)));
    else if (record.category !== "supplier" && chance(0.4))
      record.nextFollowUp = isoDate(TODAY + int(1, 60) * DAY);
  }
}

/** EAN-13 with China's 69 prefix and a valid check digit. */
function barcode(): string {
  const body = `69${digits(10)}`;
  const sum = [...body].reduce((s, d, i) => s + Number(d) * (i % 2 === 0 ? 1 : 3), 0);
  return `${body}${(10 - (sum % 10)) % 10}`;
}

function makeProducts(newId: NewId): DemoRecord[] {
  return catalogue.map(
    (
      [name = "", category = "", brand = "", spec = "", unit = "", price = "0", weight = "0"],
      i,
    ) => {
      const sale = Math.round(Number(price) * 100);
      const purchase = Math.round(sale * (0.68 + rng.next() * 0.17));
      const physical = Number(weight) > 0;
      return {
        id: newId(),
        code: `P-${String(i + 1).padStart(4, "0")}`,
        name,
        category,
        ...(brand === "-" ? {} : { brand }),
        spec,
        unit,
        ...(physical ? { barcode: barcode() } : {}),
        salePrice: money(sale / 100),
        purchasePrice: money(purchase / 100),
        costPrice: decimal(Math.round(purchase * (100.5 + rng.next() * 2.5)) / 10_000, 4),
        ...(physical
          ? { minStock: decimal(unit === "m" ? 500 : pick([2, 5, 10, 20, 50]), 3) }
          : {}),
        ...(physical ? { weight: decimal(Number(weight), 3) } : {}),
        isActive: !name.includes("OptiPlex"),
        ...(chance(0.5)
          ? { description: `${brand === "-" ? "" : brand}${name}，${spec}。正品行货，全国联保。` }
          : {}),
      };
    },
  );
}

/** The demo records of every entity, in dependency order; `newId` makes each record's id. */
export function demoRecords(newId: () => string): { entity: string; records: DemoRecord[] }[] {
  rng.next = mulberry32(20261120);
  const companies = makeCompanies(150, newId);
  for (const company of companies) {
    const key = makeContact(company, true, newId);
    company.record.keyContact = key.name;
    company.contacts.push(key);
  }
  for (let i = 0; i < 100; i++) {
    const company = pick(companies);
    company.contacts.push(makeContact(company, false, newId));
  }
  const products = makeProducts(newId);
  const productNames = products.map((p) => String(p.name));
  const activities = makeActivities(300, companies, productNames, newId);
  summarise(companies, activities);
  return [
    { entity: "customer", records: companies.map((c) => c.record) },
    { entity: "contact", records: companies.flatMap((c) => c.contacts) },
    { entity: "activity", records: activities },
    { entity: "product", records: products },
  ];
}
