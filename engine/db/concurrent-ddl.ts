import type { Db } from "./database.ts";

const concurrent = new WeakSet<Db>();

/**
 * Marks a database whose connections each run in a process of their own
 * (PostgreSQL): there an index can be built CONCURRENTLY while requests go
 * on. PGlite is one connection: a build there holds everything anyway.
 */
export const allowConcurrentDdl = (db: Db): void => void concurrent.add(db);

/** Whether sync may leave a big table's indexes to a concurrent build (index-builder.ts). */
export const concurrentDdl = (db: Db): boolean => concurrent.has(db);
