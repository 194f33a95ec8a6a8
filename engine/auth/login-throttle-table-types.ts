import type { Timestamp } from "../db/system-tables.ts";

/** The login throttle's table in the platform schema (login-throttle-table.ts), for typed queries. */
declare module "../db/system-tables.ts" {
  interface PlatformTables {
    login_throttle: LoginThrottleTable;
  }
}

export interface LoginThrottleTable {
  key: string;
  failures: number;
  window_start: Timestamp;
  blocked_until: Timestamp | null;
}
