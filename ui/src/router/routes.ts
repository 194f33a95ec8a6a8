/** The app's screens and the paths that reach them. */
export type Screen =
  | { name: "login" }
  | { name: "home" }
  | { name: "list"; entity: string }
  | { name: "new"; entity: string }
  | { name: "detail"; entity: string; id: string }
  | { name: "edit"; entity: string; id: string }
  | { name: "admin"; page: string }
  | { name: "plugin"; plugin: string; path: string }
  | { name: "unknown" };

export const paths = {
  list: (entity: string) => `/e/${entity}`,
  new: (entity: string, prefill: Record<string, string> = {}) => {
    const q = new URLSearchParams(prefill).toString();
    return `/e/${entity}/new${q ? `?${q}` : ""}`;
  },
  detail: (entity: string, id: string) => `/e/${entity}/${id}`,
  edit: (entity: string, id: string) => `/e/${entity}/${id}/edit`,
};

export function matchScreen(path: string): Screen {
  const parts = path.split("?")[0]!.split("/").filter(Boolean).map(decodeURIComponent);
  if (parts[0] === "login") return { name: "login" };
  if (parts.length === 0) return { name: "home" };
  if (parts[0] === "admin" && parts.length <= 2) return { name: "admin", page: parts[1] ?? "" };
  if (parts[0] === "x" && parts.length >= 3)
    return { name: "plugin", plugin: parts[1]!, path: parts.slice(2).join("/") };
  if (parts[0] !== "e" || !parts[1]) return { name: "unknown" };
  const entity = parts[1];
  if (parts.length === 2) return { name: "list", entity };
  if (parts[2] === "new" && parts.length === 3) return { name: "new", entity };
  if (parts.length === 3) return { name: "detail", entity, id: parts[2]! };
  if (parts.length === 4 && parts[3] === "edit") return { name: "edit", entity, id: parts[2]! };
  return { name: "unknown" };
}
