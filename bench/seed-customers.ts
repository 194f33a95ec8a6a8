import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import pg from "pg";
import { from as copyFrom } from "pg-copy-streams";
import { v7 as uuidv7 } from "uuid";
import { loadBaseMetadata } from "../engine/metadata/load-base-metadata.ts";
import { projectRoot } from "../engine/project/project-root.ts";
import { loadPinyinForms, type PinyinForms } from "../engine/search-index/pinyin-forms.ts";
import { searchData, searchFields } from "../engine/search-index/search-data.ts";

/** The city the benchmark filters on: exactly one row in `cityEvery` has it. */
export const benchCity = "杭州";
export const cityEvery = 1000;

const qualities = ["A", "B", "C", "D"];
const words = ["恒达", "宏远", "金盛", "瑞丰", "华信", "东方", "新思", "润泽", "嘉禾", "万通"];
const trades = ["科技", "贸易", "医药", "机械", "建材", "物流", "软件", "食品"];

/** A value as COPY's text format reads it: backslash, tab and line breaks escaped. */
const copyText = (value: string) =>
  value.replace(/[\\\t\n\r]/g, (c) => ({ "\t": "\\t", "\n": "\\n", "\r": "\\r" })[c] ?? "\\\\");

/** A text array literal, every element quoted. */
const arrayLiteral = (items: readonly string[]) =>
  `{${items.map((i) => `"${i.replace(/["\\]/g, (c) => `\\${c}`)}"`).join(",")}}`;

/**
 * One COPY text line per customer: deterministic, spread over three years of
 * createdAt, with the search data the record service would have written.
 */
function* lines(
  count: number,
  ownerId: string,
  from: number,
  search: { fields: readonly string[]; forms: PinyinForms },
): Generator<string> {
  const start = Date.UTC(2023, 0, 1);
  const span = Date.UTC(2026, 0, 1) - start;
  for (let i = from; i < from + count; i++) {
    const city = i % cityEvery === 0 ? benchCity : `城市${(i * 7919) % (cityEvery - 1)}`;
    const created = new Date(start + Math.floor((i * 2654435761) % span)).toISOString();
    const name = `${city}${words[i % words.length]}${trades[(i >> 3) % trades.length]}有限公司${i}`;
    const phone = `0571-${String(10000000 + ((i * 48271) % 89999999)).slice(0, 8)}`;
    const credit = `${(i % 5000) * 100}.00`;
    const { _search, _pinyin } = searchData(search.fields, { name, phone }, search.forms);
    yield (
      [
        uuidv7(),
        name,
        city,
        qualities[i % 4],
        phone,
        credit,
        1,
        ownerId,
        ownerId,
        ownerId,
        created,
        created,
        copyText(arrayLiteral(_search)),
        _pinyin === null ? "\\N" : copyText(_pinyin),
      ].join("\t") + "\n"
    );
  }
}

/**
 * Fills `<schema>.customer` up to `count` rows with COPY (batched INSERTs
 * are about 14× slower), then analyses the table. Returns the rows added.
 */
export async function seedCustomers(url: string, schema: string, count: number): Promise<number> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const table = `"${schema}"."customer"`;
    const existing = Number((await client.query(`select count(*) as n from ${table}`)).rows[0].n);
    if (existing >= count) return 0;
    const owner = (
      await client.query(`select id from "${schema}".sys_user order by created_at limit 1`)
    ).rows[0].id as string;
    const copy = client.query(
      copyFrom(
        `copy ${table} (id, name, city, quality, phone, "creditLimit", version, owner, "createdBy", "updatedBy", "createdAt", "updatedAt", "_search", "_pinyin") from stdin`,
      ),
    );
    const search = {
      fields: searchFields(loadBaseMetadata(projectRoot).entities.customer!),
      forms: await loadPinyinForms(),
    };
    await pipeline(Readable.from(lines(count - existing, owner, existing, search)), copy);
    await client.query(`analyze ${table}`);
    return count - existing;
  } finally {
    await client.end();
  }
}
