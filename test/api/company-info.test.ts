import { beforeAll, describe, expect, it } from "vitest";
import { TestClient } from "../support/test-client.ts";
import { addStaffUser } from "../support/staff-user.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/** Company information (Y2, Y9): the details documents print, the currency and the logo. */

const png = (size: number) => {
  const bytes = Buffer.alloc(size, 7);
  Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]).copy(bytes);
  return bytes;
};
const base64 = (bytes: Buffer) => bytes.toString("base64");

describe("company information", () => {
  let engine: TestEngine;
  let admin: TestClient;
  let staff: TestClient;
  let slug: string;

  beforeAll(async () => {
    engine = await testEngine();
    ({ admin, slug } = await testCompany(engine, "ci"));
    await addStaffUser(engine, slug, "clerk", "clerk-password-1");
    staff = new TestClient(engine.app);
    await staff.login(slug, "clerk", "clerk-password-1");
  });

  it("starts from the registry's name and settings, with the decimals explained", async () => {
    const res = await admin.get("/api/admin/company");
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({
      name: `Test ${slug}`,
      address: null,
      taxNumber: null,
      currency: "CNY",
      currencySymbol: null,
      currencyDecimals: 2,
      logo: null,
    });
    expect(res.body.decimalsNote).toMatch(/rewrite every table holding amounts/);
  });

  it("changes details for every user on their next request, audited, and back by rollback", async () => {
    const head = (await admin.get("/api/admin/metadata")).body.head as number;
    const change = {
      name: "杭州示例科技有限公司",
      address: "杭州市西湖区文三路 1 号",
      taxNumber: "91330106MA2XXXXX1X",
      bankName: "招商银行杭州分行",
      bankAccount: "5719 0000 0000 001",
      phone: "0571-88888888",
      currency: "USD",
      currencySymbol: "US$",
    };
    const res = await admin.patch("/api/admin/company", change);
    expect(res.status, res.text).toBe(200);
    expect(res.body.company).toMatchObject(change);
    const meta = (await staff.get("/api/meta")).body;
    expect(meta.company.name).toBe("杭州示例科技有限公司");
    expect(meta.company.settings).toMatchObject({ currency: "USD", currencySymbol: "US$" });
    const audit = await admin.get("/api/admin/audit?action=metadata_changed&limit=1");
    expect(audit.body.items[0].target).toMatch(/^change company information: name, address/);

    const cleared = await admin.patch("/api/admin/company", { address: null });
    expect(cleared.body.company.address).toBeNull();
    expect(cleared.body.company.taxNumber).toBe("91330106MA2XXXXX1X");

    const back = await admin.post("/api/admin/metadata/rollback", { version: head });
    expect(back.status, back.text).toBe(200);
    const after = (await staff.get("/api/meta")).body.company;
    expect(after.name).toBe(`Test ${slug}`);
    expect(after.settings.currency).toBe("CNY");
    expect(after.settings.currencySymbol).toBeUndefined();
  });

  it("refuses wrong details with 400 naming the field, in Chinese too", async () => {
    const tax = await admin.patch("/api/admin/company", { taxNumber: "税号 1" });
    expect(tax.status).toBe(400);
    expect(tax.body.error.details.fields[0].field).toBe("taxNumber");
    const currency = await admin.patch("/api/admin/company", { currency: "usd" });
    expect(currency.body.error.details.fields[0].field).toBe("currency");
    const unknown = await admin.patch("/api/admin/company", { color: "red" });
    expect(unknown.body.error.details.fields).toEqual([
      { field: "color", rule: "unknown", message: 'unknown field "color"' },
    ]);
    expect((await admin.patch("/api/admin/company", {})).status).toBe(400);
    const long = await admin.patch("/api/admin/company", { address: "路".repeat(301) });
    expect(long.body.error.details.fields[0].field).toBe("address");

    admin.language = "zh-CN";
    const zh = await admin.patch("/api/admin/company", { phone: "call me" });
    admin.language = "en";
    expect(zh.status).toBe(400);
    expect(zh.body.error.details.fields[0].field).toBe("phone");
    expect(zh.body.error.message).toMatch(/[\u4e00-\u9fff]/);
    expect((await admin.get("/api/admin/company")).body.phone).toBeNull();
  });

  it("is for company admins only", async () => {
    expect((await staff.get("/api/admin/company")).status).toBe(403);
    expect((await staff.patch("/api/admin/company", { name: "X" })).status).toBe(403);
    const logo = await staff.send("PUT", "/api/admin/company/logo", { image: base64(png(100)) });
    expect(logo.status).toBe(403);
  });
});

describe("the company logo", () => {
  let engine: TestEngine;
  let admin: TestClient;

  beforeAll(async () => {
    engine = await testEngine();
    ({ admin } = await testCompany(engine, "logo"));
  });

  it("is stored apart, named by its hash in the overlay, and served with its type", async () => {
    const image = png(2048);
    const res = await admin.send("PUT", "/api/admin/company/logo", { image: base64(image) });
    expect(res.status, res.text).toBe(200);
    const url = res.body.company.logo as string;
    expect(url).toMatch(/^\/api\/company\/logo\/[0-9a-f]{64}$/);
    expect((await admin.get("/api/meta")).body.company.logo).toBe(url);

    const served = await engine.app.request(url, { headers: { cookie: admin.cookie! } });
    expect(served.status).toBe(200);
    expect(served.headers.get("content-type")).toBe("image/png");
    expect(Buffer.from(await served.arrayBuffer())).toEqual(image);

    const { head } = (await admin.get("/api/admin/metadata")).body;
    const version = await admin.get(`/api/admin/metadata/versions/${head}`);
    expect(version.body.overlay.companyInfo).toEqual({ logo: url.split("/").pop() });
    expect(version.text.length).toBeLessThan(1000);
  });

  it("refuses an image over 512 KB and a file that is no PNG, JPEG or WebP", async () => {
    const big = await admin.send("PUT", "/api/admin/company/logo", {
      image: base64(png(512 * 1024 + 1)),
    });
    expect(big.status).toBe(400);
    expect(big.body.error.details.fields[0]).toMatchObject({ field: "image" });
    expect(big.body.error.message).toMatch(/at most 512 KB/);
    const gif = await admin.send("PUT", "/api/admin/company/logo", {
      image: base64(Buffer.from("GIF89a-not-a-logo")),
    });
    expect(gif.status).toBe(400);
    expect(gif.body.error.message).toMatch(/not a PNG, JPEG or WebP image/);
    const garbage = await admin.send("PUT", "/api/admin/company/logo", { image: "not base64!" });
    expect(garbage.status).toBe(400);
    expect(garbage.body.error.details.fields[0].field).toBe("image");
  });

  it("goes away and comes back with a rollback; another company sees none of it", async () => {
    const before = (await admin.get("/api/admin/company")).body.logo as string;
    const head = (await admin.get("/api/admin/metadata")).body.head as number;
    const removed = await admin.delete("/api/admin/company/logo");
    expect(removed.status, removed.text).toBe(200);
    expect(removed.body.company.logo).toBeNull();
    await admin.post("/api/admin/metadata/rollback", { version: head });
    expect((await admin.get("/api/admin/company")).body.logo).toBe(before);

    const other = await testCompany(engine, "logob");
    const meta = (await other.admin.get("/api/meta")).body.company;
    expect(meta.logo).toBeUndefined();
    expect(meta.name).toMatch(/^Test logob/);
    expect((await other.admin.get(before)).status).toBe(404);
    expect((await other.admin.get("/api/admin/company")).body.logo).toBeNull();
  });
});
