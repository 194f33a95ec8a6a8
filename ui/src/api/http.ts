import { locale } from "../i18n/i18n.ts";
import { ApiFailure } from "./api-failure.ts";

type Listener = (value: string) => void;
const versionListeners = new Set<Listener>();
let onUnauthenticated: () => void = () => {};

/** Called with X-Meta-Version of every answer: the metadata store reloads when it changed. */
export function onMetaVersion(listener: Listener) {
  versionListeners.add(listener);
}

let previewAs: string | undefined;
const previewable = /^\/api\/(meta|data|search|prefs|openapi\.json)(?=[/?]|$)/;

/**
 * "View as" (admin/preview-state.ts): while set, every request to what the
 * engine previews carries `X-View-As: <user id>`, so reads are the user's and
 * writes are refused (a preview is read-only), never done as the admin. Other
 * answers carry the admin's own metadata version: not reported meanwhile.
 */
export function setPreviewAs(userId: string | undefined) {
  previewAs = userId;
}

/** Where a 401 (expired or ended session) sends the user: the login screen. */
export function onSessionLost(handler: () => void) {
  onUnauthenticated = handler;
}

/**
 * One call to the engine's API: JSON in and out, errors thrown as ApiFailure.
 * Every answer's X-Meta-Version is reported, so an admin's metadata change
 * reaches the screens on the next request.
 *
 * @example
 * const page = await api<{ items: RecordData[]; total: number }>("GET", "/api/data/customer?limit=10");
 */
export async function api<T>(
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): Promise<T> {
  const preview = previewAs && previewable.test(path) ? { "X-View-As": previewAs } : null;
  const res = await fetch(path, {
    method,
    credentials: "same-origin",
    headers: {
      Accept: "application/json",
      // The engine answers its messages in the language on screen, not the browser's.
      "Accept-Language": locale(),
      ...(body === undefined ? {} : { "Content-Type": "application/json" }),
      ...headers,
      ...preview,
    },
    body: body === undefined ? null : JSON.stringify(body),
  });
  const version = res.headers.get("X-Meta-Version");
  if (version && (!previewAs || preview))
    for (const listener of versionListeners) listener(version);
  const text = await res.text();
  // A proxy's error page is not JSON: it still becomes an ApiFailure with the status.
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    if (res.ok) throw new ApiFailure(res.status, "not_json", "the answer is not JSON", null);
  }
  if (!res.ok) {
    const error = (data as { error?: { code: string; message: string; details: unknown } } | null)
      ?.error;
    if (res.status === 401 && !path.startsWith("/api/auth/login")) onUnauthenticated();
    throw new ApiFailure(
      res.status,
      error?.code ?? "http_error",
      error?.message ?? `${res.status} ${res.statusText}`,
      error?.details ?? null,
    );
  }
  return data as T;
}
