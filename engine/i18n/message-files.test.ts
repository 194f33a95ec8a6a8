import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { loadMessages, messageFiles } from "./message-files.ts";

describe("messageFiles", () => {
  let root = "";
  const write = (file: string, messages: Record<string, string>) => {
    mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    writeFileSync(path.join(root, file), JSON.stringify(messages));
  };
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it("reads the root's texts and every folder's, one table per locale", () => {
    root = mkdtempSync(path.join(tmpdir(), "texts-"));
    write("texts/zh-CN.json", { "no route": "没有路由" });
    write("crm/texts/zh-CN.json", { customer: "客户" });
    mkdirSync(path.join(root, "db"));
    expect(
      messageFiles(root)
        .map((f) => `${f.folder}:${f.locale}`)
        .sort(),
    ).toEqual([":zh-CN", "crm:zh-CN"]);
    expect([...loadMessages(root)["zh-CN"]]).toEqual(
      expect.arrayContaining([
        ["no route", "没有路由"],
        ["customer", "客户"],
      ]),
    );
  });

  it("refuses a file named after no translated locale, naming it", () => {
    root = mkdtempSync(path.join(tmpdir(), "texts-"));
    write("crm/texts/zh-cn.json", {});
    expect(() => messageFiles(root)).toThrow(
      /crm\/texts\/zh-cn\.json: "zh-cn" is not a translated locale/,
    );
  });
});
