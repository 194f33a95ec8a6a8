import { createSignal } from "solid-js";
import { api } from "./http.ts";
import { clearMeta, loadMeta } from "./meta-store.ts";

export interface SessionInfo {
  user: { id: string; username: string; displayName?: string };
  company: { slug: string; name: string };
}

const [session, setSession] = createSignal<SessionInfo>();
export { session };

const lastCompanyKey = "metacrm.lastCompany";
/** The company of the last successful login in this browser, offered on the login screen. */
export const lastCompany = () => localStorage.getItem(lastCompanyKey) ?? "";

/** Reads the current session and this user's metadata; false when there is none. */
export async function resumeSession(): Promise<boolean> {
  try {
    setSession(await api<SessionInfo>("GET", "/api/auth/me"));
    await loadMeta();
    return true;
  } catch {
    setSession(undefined);
    return false;
  }
}

export async function logIn(company: string, username: string, password: string): Promise<void> {
  await api("POST", "/api/auth/login", { company, username, password });
  localStorage.setItem(lastCompanyKey, company.trim().toLowerCase());
  await resumeSession();
}

export async function logOut(): Promise<void> {
  await api("POST", "/api/auth/logout").catch(() => undefined);
  setSession(undefined);
  clearMeta();
}

export const changePassword = (currentPassword: string, newPassword: string) =>
  api("POST", "/api/auth/password", { currentPassword, newPassword });
