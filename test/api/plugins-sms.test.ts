import { randomUUID } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { withServices } from "../../engine/module-services.ts";
import { closedPort, startFakeSmsGateway } from "../support/fake-sms-gateway.ts";
import { callSmsEffect, configure, messages, send, settle } from "../support/sms-client.ts";
import { openApiProblems } from "./openapi-checks.ts";
import {
  testCompany,
  testEngine,
  type TestCompany,
  type TestEngine,
} from "../support/test-engine.ts";

/**
 * The shipped `sms` plugin (plugins/sms), as the default engine loads it:
 * switched on for company A only, sending through its test provider and
 * through an HTTP gateway the test runs on this machine.
 */
describe("the sms plugin", () => {
  let engine: TestEngine;
  let a: TestCompany;
  let b: TestCompany;
  let gateway: Awaited<ReturnType<typeof startFakeSmsGateway>>;

  const switchOn = async (company: TestCompany) => {
    const res = await company.admin.patch("/api/admin/modules/sms", { on: true });
    expect(res.status, res.text).toBe(200);
  };
  const callEffect = (company: TestCompany, params: unknown, rollBack = false) =>
    callSmsEffect(engine, company, params, rollBack);

  const privateGateways = process.env.SMS_PRIVATE_GATEWAYS;

  beforeAll(async () => {
    // The gateway of the tests is on this machine, which an installation must allow.
    process.env.SMS_PRIVATE_GATEWAYS = "allow";
    gateway = await startFakeSmsGateway();
    engine = await testEngine();
    a = await testCompany(engine, "smsa");
    b = await testCompany(engine, "smsb");
    await switchOn(a);
    await engine.deps.jobs.start(withServices(engine.deps));
  });
  afterAll(async () => {
    if (privateGateways === undefined) delete process.env.SMS_PRIVATE_GATEWAYS;
    else process.env.SMS_PRIVATE_GATEWAYS = privateGateways;
    await engine.deps.jobs.stop();
    await gateway.close();
  });

  it("sends nothing until an admin has set a gateway", async () => {
    const settings = await a.admin.get("/api/x/sms/settings");
    expect(settings.status, settings.text).toBe(200);
    expect(settings.body).toMatchObject({ configured: false, provider: "test", keySet: false });
    const refused = await send(a, "13800138000", "提醒");
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe("sms_not_configured");
    expect((await messages(a)).total).toBe(0);
  });

  it("sends through the test provider, and the log shows it sent", async () => {
    await configure(a, { provider: "test", signature: "【美达】" });
    const queued = await send(a, "138 0013 8000", "您的订单已发货");
    expect(queued.status, queued.text).toBe(202);
    expect(queued.body).toMatchObject({ to: "13800138000", status: "queued", tries: 0 });
    const sent = await settle(a, queued.body.id);
    expect(sent).toMatchObject({
      to: "13800138000",
      text: "您的订单已发货",
      status: "sent",
      provider: "test",
      tries: 1,
      error: null,
      createdBy: expect.any(String),
    });
    expect(sent.sentAt).toEqual(expect.any(String));
  });

  it("refuses a number no message can go to, and a text too long, saying which", async () => {
    const number = await send(a, "12345", "你好");
    expect(number.status).toBe(400);
    expect(number.body.error.details.fields).toEqual([
      expect.objectContaining({
        field: "to",
        message: expect.stringMatching(/12345 is not a number/),
      }),
    ]);
    const long = await send(a, "+85291234567", "长".repeat(501));
    expect(long.status).toBe(400);
    expect(long.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual(["text"]);
    const longest = await send(a, "+85291234567", "长".repeat(500));
    expect(longest.status).toBe(202);
    expect(await settle(a, longest.body.id)).toMatchObject({ status: "sent" });
  });

  it("refuses settings that cannot work, on the setting that is wrong", async () => {
    const res = await a.admin.patch("/api/x/sms/settings", {
      provider: "http",
      url: "ftp://gateway.example.com",
      template: '{"mobile":{to}}',
    });
    expect(res.status).toBe(400);
    expect(res.body.error.details.fields.map((f: { field: string }) => f.field).sort()).toEqual([
      "apiKey",
      "template",
      "template",
      "url",
    ]);
    expect((await a.admin.get("/api/x/sms/settings")).body.provider).toBe("test");
  });

  it("posts the templated body and the key to the HTTP gateway, and never answers the key back", async () => {
    const saved = await configure(a, {
      provider: "http",
      url: `${gateway.url}/ok`,
      apiKey: "key-of-company-a",
      format: "json",
      template: '{"mobile":"{to}","content":"{sign}{text}"}',
    });
    expect(saved.body).toMatchObject({ provider: "http", keySet: true });
    expect(saved.text).not.toContain("key-of-company-a");
    expect((await a.admin.get("/api/x/sms/settings")).text).not.toContain("key-of-company-a");

    const queued = await send(a, "13900139000", '验证码 "4711"，5 分钟内有效');
    expect(queued.status, queued.text).toBe(202);
    expect(await settle(a, queued.body.id)).toMatchObject({ status: "sent", provider: "http" });
    const request = gateway.received.at(-1)!;
    expect(request.path).toBe("/ok");
    expect(request.headers["content-type"]).toMatch(/^application\/json/);
    expect(request.headers.authorization).toBe("Bearer key-of-company-a");
    expect(JSON.parse(request.body)).toEqual({
      mobile: "13900139000",
      content: '【美达】验证码 "4711"，5 分钟内有效',
    });

    await configure(a, {
      format: "form",
      keyHeader: "X-Api-Key",
      template: "mobile={to}&content={text}&sign={sign}",
    });
    const form = await send(a, "+85291234567", "a&b=c 你好");
    expect(await settle(a, form.body.id)).toMatchObject({ status: "sent" });
    const posted = gateway.received.at(-1)!;
    expect(posted.headers["content-type"]).toMatch(/^application\/x-www-form-urlencoded/);
    expect(posted.headers["x-api-key"]).toBe("key-of-company-a");
    expect(posted.headers.authorization).toBeUndefined();
    expect(Object.fromEntries(new URLSearchParams(posted.body))).toEqual({
      mobile: "+85291234567",
      content: "a&b=c 你好",
      sign: "【美达】",
    });
  });

  it("refuses a gateway on a private network unless the installation allows it", async () => {
    delete process.env.SMS_PRIVATE_GATEWAYS;
    try {
      for (const host of ["127.0.0.1", "localhost", "[::1]", "169.254.169.254"]) {
        const res = await a.admin.patch("/api/x/sms/settings", { url: `http://${host}/send` });
        expect(res.status, host).toBe(400);
        expect(res.body.error.details.fields).toEqual([
          expect.objectContaining({
            field: "url",
            rule: "private",
            message: expect.stringMatching(/on a private network/),
          }),
        ]);
      }
      process.env.SMS_PRIVATE_GATEWAYS = "allow";
      const port = new URL(gateway.url).port;
      await configure(a, { url: `http://localhost:${port}/ok` });
      delete process.env.SMS_PRIVATE_GATEWAYS;
      const before = gateway.received.length;
      const queued = await send(a, "13700137009", "不该到达");
      expect(await settle(a, queued.body.id)).toMatchObject({
        status: "failed",
        tries: 1,
        error: expect.stringMatching(
          /^the gateway's address leads to (127\.0\.0\.1|::1), on a private network/,
        ),
      });
      expect(gateway.received.length).toBe(before);
    } finally {
      process.env.SMS_PRIVATE_GATEWAYS = "allow";
    }
  });

  it("retries a gateway that fails, then marks the message failed with why", async () => {
    await configure(a, { url: `${gateway.url}/down`, tries: 2 });
    const before = gateway.received.length;
    const queued = await send(a, "13700137000", "会议改到三点");
    const failed = await settle(a, queued.body.id, 40);
    expect(failed).toMatchObject({
      status: "failed",
      tries: 2,
      error: "the gateway answered 500: gateway overloaded, try later",
      sentAt: null,
    });
    expect(gateway.received.slice(before).filter((r) => r.path === "/down")).toHaveLength(2);

    a.admin.language = "zh-CN";
    const inChinese = (await messages(a, "?status=failed")).items[0]!;
    a.admin.language = "en";
    expect(inChinese.error).toBe("网关返回 500：gateway overloaded, try later");

    await configure(a, { url: `${gateway.url}/refuse`, tries: 3 });
    const refused = await send(a, "13700137000", "会议取消");
    expect(await settle(a, refused.body.id)).toMatchObject({
      status: "failed",
      tries: 1,
      error: 'the gateway answered 400: {"code":41,"msg":"signature not registered"}',
    });
  });

  it("reads only the start of a gateway's answer, and gives up on one that does not answer or cannot be reached", async () => {
    await configure(a, { url: `${gateway.url}/flood`, tries: 1 });
    const flooded = await send(a, "13700137001", "洪水");
    expect(await settle(a, flooded.body.id)).toMatchObject({
      status: "failed",
      tries: 1,
      error: `the gateway answered 503: ${"x".repeat(200)}`,
    });
    await configure(a, { url: `${gateway.url}/silent` });
    const started = Date.now();
    const unanswered = await send(a, "13700137002", "无人应答");
    expect(await settle(a, unanswered.body.id)).toMatchObject({
      status: "failed",
      error: "the gateway did not answer within 8 s",
    });
    expect(Date.now() - started).toBeLessThan(15_000);

    const port = await closedPort();
    await configure(a, { url: `http://127.0.0.1:${port}/send` });
    const nowhere = await send(a, "13700137003", "无处可去");
    expect(await settle(a, nowhere.body.id)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^the gateway could not be reached: .*ECONNREFUSED/),
    });
  });

  it("logs nothing when the job queue does not take a message, and answers 503", async () => {
    await configure(a, { provider: "test" });
    await engine.deps.jobs.stop();
    try {
      const res = await send(a, "13700137010", "队列停了");
      expect(res.status).toBe(503);
      expect(res.body.error.message).toMatch(/^the job queue did not take it: /);
    } finally {
      await engine.deps.jobs.start(withServices(engine.deps));
    }
    expect((await messages(a, "?to=13700137010")).items).toEqual([]);
  });

  it("sends again, every ten minutes, what stayed queued without a send job", async () => {
    await configure(a, { provider: "test" });
    const id = randomUUID();
    const long = new Date(engine.clock.now().getTime() - 20 * 60_000);
    await engine.deps.database.db
      .insertInto(`co_${a.slug}.x_sms_message`)
      .values({
        id,
        to: "13700137020",
        text: "被遗忘的短信",
        status: "queued",
        provider: "test",
        created_at: long,
        updated_at: long,
      })
      .execute();
    await engine.deps.jobs.send(a.slug, "sms.requeue");
    expect(await settle(a, id)).toMatchObject({ status: "sent", tries: 1 });
  });

  it("lists the log newest first, a page at a time, by status or number", async () => {
    const all = await messages(a);
    expect(all.total).toBeGreaterThanOrEqual(6);
    const page = await messages(a, "?limit=2&offset=1");
    expect(page.items.map((m) => m.id)).toEqual(all.items.slice(1, 3).map((m) => m.id));
    expect(page.total).toBe(all.total);
    const failed = await messages(a, "?status=failed");
    expect(failed.total).toBe(6);
    expect(failed.items.every((m) => m.status === "failed")).toBe(true);
    const toOne = await messages(a, "?to=137%200013%207000");
    expect(toOne.items.map((m) => m.text).sort()).toEqual(["会议取消", "会议改到三点"]);
  });

  it("refuses messages over the company's and the number's daily limits", async () => {
    const sentToday = (await messages(a)).items.filter((m) => m.status !== "failed").length;
    await configure(a, { provider: "test", dailyLimit: sentToday + 2, recipientDailyLimit: 1 });
    expect((await send(a, "13600136000", "第一条")).status).toBe(202);
    const again = await send(a, "136 0013 6000", "第二条");
    expect(again.status).toBe(429);
    expect(again.body.error.code).toBe("sms_recipient_limit");
    expect(again.body.error.message).toBe(
      "13600136000 has been sent 1 messages today, as many as one number may be sent a day",
    );
    // The clock is at 10:00 in Shanghai: 14 hours to the company's midnight.
    expect(again.headers.get("retry-after")).toBe(String(14 * 3600));
    expect((await send(a, "13500135000", "第三条")).status).toBe(202);
    const over = await send(a, "13400134000", "第四条");
    expect(over.status).toBe(429);
    expect(over.body.error.code).toBe("sms_daily_limit");
    expect((await messages(a, "?to=13400134000")).total).toBe(0);

    await configure(a, { dailyLimit: sentToday + 3 });
    const atOnce = await Promise.all(
      ["13400134001", "13400134002", "13400134003", "13400134004"].map((to) =>
        send(a, to, "同时发送"),
      ),
    );
    expect(atOnce.map((r) => r.status).sort()).toEqual([202, 429, 429, 429]);
  });

  it("offers the sms.send effect, its parameters checked, logged with its caller's transaction", async () => {
    await configure(a, { dailyLimit: 1000, recipientDailyLimit: 10 });
    await expect(callEffect(a, { to: 13800138000, text: "" })).rejects.toMatchObject({
      status: 400,
      details: {
        fields: [
          expect.objectContaining({ field: "to" }),
          expect.objectContaining({ field: "text" }),
        ],
      },
    });
    await expect(callEffect(a, { to: "010-12345678", text: "固话" })).rejects.toMatchObject({
      status: 400,
      details: { fields: [expect.objectContaining({ field: "to" })] },
    });
    await callEffect(a, { to: "13300133000", text: "撤回的提醒" }, true);
    const { id, status } = await callEffect(a, { to: "13300133000", text: "明天九点开会" });
    expect(status).toBe("queued");
    expect(await settle(a, id)).toMatchObject({
      text: "明天九点开会",
      status: "sent",
      createdBy: null,
    });
    expect((await messages(a, "?to=13300133000")).items.map((m) => m.text)).toEqual([
      "明天九点开会",
    ]);
  });

  it("documents its routes in the API document of the companies that have it on", async () => {
    const doc = (await a.admin.get("/api/openapi.json")).body;
    expect(await openApiProblems(doc)).toEqual([]);
    expect(Object.keys(doc.paths["/api/x/sms/messages"]).sort()).toEqual(["get", "post"]);
    expect(doc.paths["/api/x/sms/settings"]).toHaveProperty("patch");
    expect((await b.admin.get("/api/openapi.json")).body.paths).not.toHaveProperty(
      "/api/x/sms/messages",
    );
  });

  it("is not there for a company that has it off, and a company's log is its own", async () => {
    for (const path of ["/api/x/sms/messages", "/api/x/sms/settings"])
      expect((await b.admin.get(path)).status).toBe(404);
    expect((await send(b, "13800138000", "越界")).status).toBe(404);
    await expect(callEffect(b, { to: "13800138000", text: "越界" })).rejects.toMatchObject({
      status: 409,
      code: "module_off",
    });
    await switchOn(b);
    expect(await messages(b)).toEqual({ items: [], total: 0 });
    expect((await b.admin.get("/api/x/sms/settings")).body).toMatchObject({
      configured: false,
      keySet: false,
    });
  });
});
