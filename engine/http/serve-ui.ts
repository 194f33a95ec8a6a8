import { readFile } from "node:fs/promises";
import path from "node:path";
import type { Context } from "hono";
import { projectRoot } from "../project/project-root.ts";
import { acceptedEncoding } from "./accepted-encoding.ts";
import type { AppEnv } from "./app-env.ts";
import { varyOnEncoding } from "./compress-responses.ts";
import type { Routes } from "./routes.ts";

/** Where `vite build` writes the UI (ui/vite.config.ts). */
export const uiDist = path.join(projectRoot, "ui/dist");

/**
 * No inline or evaluated script: the form validators are precompiled modules
 * served by the engine, so `unsafe-eval` is never needed. Inline styles are
 * allowed because Solid sets column widths through the style attribute.
 */
const contentSecurityPolicy = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "frame-ancestors 'none'",
  "form-action 'self'",
].join("; ");

const types: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".woff2": "font/woff2",
};

const notBuilt = `<!doctype html><meta charset="utf-8"><title>metacrm</title>
<p>The UI is not built: run <code>npm run build</code> (npm start does it).</p>`;

/**
 * What the login screen needs to know before anyone logs in, carried by
 * index.html itself so that it costs no request: whether the installation
 * lists its companies (LIST_COMPANIES). Without the tag the UI never asks.
 */
const withSettings = (html: Buffer, listCompanies: boolean) =>
  listCompanies
    ? html
        .toString("utf8")
        .replace("<head>", '<head>\n    <meta name="metacrm-list-companies" content="true" />')
    : html;

/** A file of ui/dist with the variants the build compressed next to it (`.br`, `.gz`). */
interface Asset {
  readonly body: Buffer;
  readonly br?: Buffer | undefined;
  readonly gzip?: Buffer | undefined;
}

const readOrNone = (file: string) => readFile(file).catch(() => undefined);

/**
 * Serves the built single-page app: files of ui/dist, hashed assets cached for
 * a year, and index.html for every other GET outside /api so that client
 * routes survive a reload. A file the build compressed goes out as its `.br`
 * or `.gz` when the request accepts it (compress-responses.ts compresses
 * what has none). Registered last, so every API route wins.
 */
export function serveUi(
  routes: Routes,
  { listCompanies = false, dist = uiDist }: { listCompanies?: boolean; dist?: string } = {},
) {
  // Only hashed assets are kept (they never change under a name); caching misses would let
  // any URL grow the map. index.html is read each time, so a rebuild shows without a restart.
  const cache = new Map<string, Asset>();
  const load = async (file: string, keep: boolean): Promise<Asset | undefined> => {
    const hit = cache.get(file);
    if (hit) return hit;
    const body = await readOrNone(file);
    if (!body) return undefined;
    const [br, gzip] = await Promise.all([readOrNone(`${file}.br`), readOrNone(`${file}.gz`)]);
    const asset = { body, br, gzip };
    if (keep) cache.set(file, asset);
    return asset;
  };
  const headers = (file: string, maxAge: string) => ({
    "Content-Type": types[path.extname(file)] ?? "application/octet-stream",
    "Cache-Control": maxAge,
    "Content-Security-Policy": contentSecurityPolicy,
    "X-Content-Type-Options": "nosniff",
  });
  const send = (c: Context<AppEnv>, body: Buffer | string, file: string, maxAge: string) =>
    c.body(new Uint8Array(Buffer.from(body)), 200, headers(file, maxAge));
  const sendAsset = (c: Context<AppEnv>, asset: Asset, file: string, maxAge: string) => {
    if (!asset.br && !asset.gzip) return send(c, asset.body, file, maxAge);
    const coding = acceptedEncoding(c.req.header("Accept-Encoding"));
    const encoded = coding === "identity" ? undefined : asset[coding];
    const res = c.body(new Uint8Array(encoded ?? asset.body), 200, {
      ...headers(file, maxAge),
      ...(encoded && { "Content-Encoding": coding }),
    });
    varyOnEncoding(res.headers);
    return res;
  };

  const handler = async (c: Context<AppEnv>) => {
    const requested = c.req.path;
    if (requested === "/api" || requested.startsWith("/api/")) return c.notFound();
    // Resolve inside dist only: a path that climbs out of it is just a client route.
    const file = path.resolve(dist, "." + path.posix.normalize(requested));
    if (file.startsWith(dist + path.sep) && path.extname(file)) {
      const hashed = requested.startsWith("/assets/");
      const asset = await load(file, hashed);
      if (asset) {
        return sendAsset(
          c,
          asset,
          file,
          hashed ? "public, max-age=31536000, immutable" : "no-cache",
        );
      }
      if (hashed) return c.notFound();
    }
    const index = path.join(dist, "index.html");
    const html = await readOrNone(index);
    return send(c, html ? withSettings(html, listCompanies) : notBuilt, index, "no-cache");
  };
  routes.get("/", "public", handler);
  routes.get("/*", "public", handler);
}
