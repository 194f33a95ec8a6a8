/** The admin screens in menu order; their paths are `/admin/<page>`. */
export const adminPages = [
  "departments",
  "users",
  "roles",
  "modules",
  "duplicates",
  "jobs",
  "audit",
] as const;

export const adminPath = (page: string) => `/admin/${page}`;
