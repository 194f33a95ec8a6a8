import type * as PinyinPro from "pinyin-pro";

/** A text's pinyin as users type it to find it: full syllables and initials, lower case, no spaces. */
export type PinyinForms = (text: string) => string[];

const han = /\p{Script=Han}/u;
const spaces = /\s+/g;

let library: Promise<typeof PinyinPro> | undefined;

/**
 * The pinyin reader, its dictionary loaded on first use (about 150 ms and
 * 1 MB: a start that writes no Chinese text never pays for it).
 *
 * A polyphonic character is read as pinyin-pro reads it in context (重庆 is
 * chongqing, 银行 yinhang), and once more as a surname (单 shan, 曾 zeng):
 * a name field may hold a company or a person, so both readings find it.
 * ü is written v (lv), as pinyin input methods type it.
 *
 * @example
 * (await loadPinyinForms())("北京恒达") // ["beijinghengda", "bjhd"]
 */
export async function loadPinyinForms(): Promise<PinyinForms> {
  const { pinyin } = await (library ??= import("pinyin-pro"));
  const read = (text: string, surname: "off" | "head", pattern: "pinyin" | "first") =>
    pinyin(text, {
      toneType: "none",
      type: "array",
      v: true,
      nonZh: "consecutive",
      surname,
      pattern,
    })
      .join("")
      .replace(spaces, "")
      .toLowerCase();
  return (text) => {
    if (!han.test(text)) return [];
    const forms = new Set<string>();
    for (const surname of ["off", "head"] as const) {
      forms.add(read(text, surname, "pinyin"));
      forms.add(read(text, surname, "first"));
    }
    return [...forms];
  };
}
