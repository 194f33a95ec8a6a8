import { createSignal } from "solid-js";
import { api } from "../api/http.ts";
import "./density.css";

export type Density = "comfortable" | "compact";

/** The preference key of the user's density, kept on the server like a list's columns. */
export const densityKey = "ui.density";

const [density, setDensitySignal] = createSignal<Density>("comfortable");
/** How tightly the user wants lists, forms and detail pages laid out. */
export { density };

/** Reads the user's density (comfortable until they chose otherwise). */
export async function loadDensity(): Promise<void> {
  const pref = await api<{ value: unknown }>("GET", `/api/prefs/${densityKey}`).catch(() => null);
  setDensitySignal(pref?.value === "compact" ? "compact" : "comfortable");
}

/** Switches at once and keeps the choice for the user's next sessions, on any browser. */
export async function setDensity(next: Density): Promise<void> {
  setDensitySignal(next);
  if (next === "comfortable") await api("DELETE", `/api/prefs/${densityKey}`);
  else await api("PUT", `/api/prefs/${densityKey}`, { value: next });
}
