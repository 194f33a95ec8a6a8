/** The admin screens in menu order; their paths are `/admin/<page>`. */
export const adminPages = [
  "departments",
  "users",
  "roles",
  "settings",
  "entities",
  "duplicates",
  "numbering",
  "modules",
  "history",
  "jobs",
  "audit",
] as const;

export const adminPath = (page: string) => `/admin/${page}`;
