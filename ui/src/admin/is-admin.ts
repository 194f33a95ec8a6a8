import { session } from "../api/session.ts";

/**
 * Whether the logged-in user is a company admin (GET /api/auth/me). It only
 * decides what the UI offers: the server refuses admin requests of others.
 */
export const isAdmin = () =>
  (session()?.user as { isAdmin?: boolean } | undefined)?.isAdmin === true;
