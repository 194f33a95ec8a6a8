import { serve } from "@hono/node-server";
import { readFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import { sql } from "kysely";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../engine/app.ts";
import { schemaOf } from "../../engine/companies/company-slug.ts";
import { uiDist } from "../../engine/http/serve-ui.ts";
import { npmPrestart } from "../support/npm-start.ts";
import type { TestClient } from "../support/test-client.ts";
import { testCompany, testEngine, type TestEngine } from "../support/test-engine.ts";

/**
 * Answers go out compressed as the request's Accept-Encoding prefers: JSON
 * on the fly, the UI's hashed assets as the build compressed them, downloads
 * never (they stream). Whatever the coding, the client reads the same bytes.
 */

const rows = 3000;

let engine: TestEngine;
let admin: TestClient;

type App = ReturnType<typeof createApp>;

/** A request as a browser sends it, its answer's bytes as they went over the wire. */
async function fetchRaw(path: string, acceptEncoding: string | undefined, app: App = engine.app) {
  const headers: Record<string, string> = { "x-forwarded-for": admin.address };
  if (acceptEncoding !== undefined) headers["accept-encoding"] = acceptEncoding;
  if (admin.cookie) headers.cookie = admin.cookie;
  const res = await app.request(path, { headers });
  return { res, bytes: Buffer.from(await res.arrayBuffer()) };
}

/** The bytes a client reads once it undoes the answer's Content-Encoding. */
function decoded(res: Response, bytes: Buffer): Buffer {
  const coding = res.headers.get("content-encoding");
  if (coding === "br") return brotliDecompressSync(bytes);
  if (coding === "gzip") return gunzipSync(bytes);
  expect(coding).toBeNull();
  return bytes;
}

const varies = (res: Response) =>
  (res.headers.get("vary") ?? "").split(",").map((v) => v.trim().toLowerCase());

beforeAll(async () => {
  engine = await testEngine();
  const company = await testCompany(engine, "gz");
  admin = company.admin;
  const adminId = (await admin.get("/api/auth/me")).body.user.id as string;
  // Enough rows of long text that an export far outgrows every stream buffer.
  await sql`insert into ${sql.id(schemaOf(company.slug), "customer")}
      ("id", "version", "owner", "createdBy", "updatedBy", "createdAt", "updatedAt", "name", "remark")
    select gen_random_uuid(), 1, ${adminId}, ${adminId}, ${adminId}, now(), now(),
      'Customer ' || i, repeat('备注', 1000)
    from generate_series(1, ${rows}) as i`.execute(engine.deps.database.db);
});

describe("JSON answers", () => {
  const page = "/api/data/customer?limit=50";

  it("come in the coding the request prefers, and decode to the same JSON", async () => {
    const plain = await fetchRaw(page, undefined);
    expect(plain.res.status).toBe(200);
    expect(plain.res.headers.get("content-encoding")).toBeNull();
    const json = JSON.parse(plain.bytes.toString("utf8")) as { items: unknown[] };
    expect(json.items).toHaveLength(50);
    const cases: [string, string | null][] = [
      ["gzip, deflate, br, zstd", "br"],
      ["br", "br"],
      ["gzip", "gzip"],
      ["br;q=0.5, gzip", "gzip"],
      ["br;q=0, gzip;q=0.8", "gzip"],
      ["br;q=0.9, gzip;q=0.1", "br"],
      ["*", "br"],
      ["identity", null],
      ["deflate, zstd", null],
      ["br;q=0, gzip;q=0", null],
      ["*;q=0", null],
    ];
    for (const [accept, coding] of cases) {
      const { res, bytes } = await fetchRaw(page, accept);
      expect(res.status, accept).toBe(200);
      expect(res.headers.get("content-encoding"), accept).toBe(coding);
      expect(res.headers.get("content-type"), accept).toMatch(/^application\/json/);
      expect(varies(res), accept).toContain("accept-encoding");
      if (coding) expect(bytes.length, accept).toBeLessThan(plain.bytes.length / 4);
      expect(decoded(res, bytes).equals(plain.bytes), accept).toBe(true);
    }
  });

  it("go out compressed through the node server, as `npm start` serves them", async () => {
    const server = serve({ fetch: engine.app.fetch, port: 0, hostname: "127.0.0.1" });
    try {
      await new Promise((resolve) => server.once("listening", resolve));
      const { port } = server.address() as AddressInfo;
      const plain = await fetchRaw(page, undefined);
      for (const accept of ["br", "gzip"]) {
        // fetch undoes the coding itself, and leaves the header to read.
        const res = await fetch(`http://127.0.0.1:${port}${page}`, {
          headers: {
            "accept-encoding": accept,
            cookie: admin.cookie!,
            "x-forwarded-for": admin.address,
          },
        });
        expect(res.headers.get("content-encoding"), accept).toBe(accept);
        expect(varies(res), accept).toContain("accept-encoding");
        expect(Buffer.from(await res.arrayBuffer()).equals(plain.bytes), accept).toBe(true);
      }
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
  });

  it("under a kilobyte go out as they are", async () => {
    const me = await fetchRaw("/api/auth/me", "gzip, deflate, br");
    expect(me.res.status).toBe(200);
    expect(me.bytes.length).toBeLessThan(1024);
    expect(me.res.headers.get("content-encoding")).toBeNull();
    expect(JSON.parse(me.bytes.toString("utf8")).user.username).toBe("admin");
  });

  it("keep the record's ETag, which a write then names in If-Match", async () => {
    const list = await admin.get("/api/data/customer?limit=1");
    const id = list.body.items[0].id as string;
    const plain = await fetchRaw(`/api/data/customer/${id}`, undefined);
    const { res, bytes } = await fetchRaw(`/api/data/customer/${id}`, "br");
    expect(res.headers.get("content-encoding")).toBe("br");
    expect(decoded(res, bytes).equals(plain.bytes)).toBe(true);
    const etag = res.headers.get("etag");
    expect(etag).toBe(plain.res.headers.get("etag"));
    const saved = await admin.patch(
      `/api/data/customer/${id}`,
      { city: "杭州" },
      { "if-match": etag! },
    );
    expect(saved.status).toBe(200);
  });

  it("include the validators module, compressed like JSON", async () => {
    const { res, bytes } = await fetchRaw("/api/meta/validators.js", "gzip");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-encoding")).toBe("gzip");
    expect(gunzipSync(bytes).toString("utf8")).toMatch(/export/);
  });
});

describe("downloads", () => {
  it("stream as they are: a client that reads nothing is cut off, not buffered for", async () => {
    const app = createApp({ ...engine.deps, exportLimits: { stallMs: 1000 } });
    const { res } = await (async () => {
      const headers: Record<string, string> = {
        "x-forwarded-for": admin.address,
        "accept-encoding": "gzip, deflate, br",
        cookie: admin.cookie!,
      };
      return {
        res: await app.request("/api/data/customer/export?columns=name,remark", { headers }),
      };
    })();
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toMatch(/^text\/csv/);
    expect(res.headers.get("content-encoding")).toBeNull();
    await new Promise((r) => setTimeout(r, 2500));
    const text = await res.text().catch(() => undefined);
    expect(text === undefined || text.split("\r\n").length < rows + 2).toBe(true);
  });

  it("are whole when read, CSV and spreadsheet alike", async () => {
    const csv = await fetchRaw("/api/data/customer/export?columns=name", "br");
    expect(csv.res.headers.get("content-encoding")).toBeNull();
    expect(csv.bytes.toString("utf8").split("\r\n")).toHaveLength(rows + 2);
    const xlsx = await fetchRaw("/api/data/customer/export?format=xlsx&columns=name", "br");
    expect(xlsx.res.status).toBe(200);
    expect(xlsx.res.headers.get("content-encoding")).toBeNull();
    expect(xlsx.bytes.subarray(0, 2).toString("latin1")).toBe("PK");
  });
});

describe("the UI's files", () => {
  let script: string;

  beforeAll(() => {
    // The built UI, as `npm start` leaves it (a build only when its sources changed).
    npmPrestart();
    const html = readFileSync(path.join(uiDist, "index.html"), "utf8");
    script = /<script[^>]+src="(\/assets\/[^"]+\.js)"/.exec(html)![1]!;
  });

  it("serve a hashed script as the build compressed it, cached for a year", async () => {
    const file = readFileSync(path.join(uiDist, script));
    for (const [accept, coding, ext] of [
      ["gzip, deflate, br, zstd", "br", ".br"],
      ["gzip", "gzip", ".gz"],
      ["br;q=0, gzip;q=1", "gzip", ".gz"],
      ["identity", null, ""],
      [undefined, null, ""],
    ] as const) {
      const { res, bytes } = await fetchRaw(script, accept);
      expect(res.status, accept).toBe(200);
      expect(res.headers.get("content-encoding"), accept).toBe(coding);
      expect(res.headers.get("content-type"), accept).toBe("text/javascript; charset=utf-8");
      expect(res.headers.get("cache-control"), accept).toBe("public, max-age=31536000, immutable");
      expect(varies(res), accept).toEqual(["accept-encoding"]);
      // The build's own file, not one compressed again per request.
      expect(bytes.equals(readFileSync(path.join(uiDist, script + ext))), accept).toBe(true);
      expect(decoded(res, bytes).equals(file), accept).toBe(true);
    }
  });

  it("serve index.html uncached, for every client route", async () => {
    for (const route of ["/", "/customer/list"]) {
      const { res, bytes } = await fetchRaw(route, "br");
      expect(res.status).toBe(200);
      expect(res.headers.get("cache-control")).toBe("no-cache");
      expect(decoded(res, bytes).toString("utf8")).toContain(script);
    }
  });
});
