/** The admin screens in menu order; their paths are `/admin/<page>`. */
export const adminPages = ["departments", "users", "roles"] as const;

export const adminPath = (page: string) => `/admin/${page}`;
