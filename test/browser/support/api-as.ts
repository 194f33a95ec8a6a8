import { baseUrl } from "./browser.ts";

export type ApiCall = (
  method: string,
  path: string,
  body?: unknown,
) => Promise<{ status: number; body: any }>;

/** Any user calling the API from the test (adminApi's twin for users of a role under test). */
export async function apiAs(user: {
  company: string;
  username: string;
  password: string;
}): Promise<ApiCall> {
  const login = await fetch(`${baseUrl()}/api/auth/login`, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(user),
  });
  if (!login.ok) throw new Error(`login of ${user.username} failed: ${login.status}`);
  const cookie = login.headers.get("set-cookie")!.split(";")[0]!;
  return async (method, path, body) => {
    const res = await fetch(`${baseUrl()}${path}`, {
      method,
      headers: { cookie, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body: body === undefined ? null : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  };
}
