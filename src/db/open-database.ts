import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import Database from "better-sqlite3";
import { migrate } from "./migrate";

export type Db = Database.Database;

/**
 * Opens (creating if needed) the SQLite database and brings its schema up to date.
 * WAL lets the web process, the scheduler and CLI runs read while one writes; busy_timeout
 * makes a second writer wait instead of failing (better-sqlite3 docs/performance.md).
 */
export interface OpenOptions {
  /**
   * How long a statement waits for another connection's lock before SQLITE_BUSY (default 5 s, for
   * the CLI). The service passes a short one: better-sqlite3 waits synchronously, so this is how
   * long the event loop can freeze behind a backup or a CLI run (webhook/handle-push.ts).
   */
  busyTimeoutMs?: number;
}

export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  // NORMAL is durable across application crashes in WAL mode; only an OS crash can lose the last commits.
  db.pragma("synchronous = NORMAL");
  db.pragma("foreign_keys = ON");
  db.pragma("busy_timeout = 5000");
  // better-sqlite3 is built with a 16 MB page cache per connection; SQLite's own 2 MB default
  // keeps the service's memory small: the webhook touches a few index pages per push and the
  // dashboard reads small rollup tables.
  db.pragma("cache_size = -2000");
  // Migrations at boot may wait for a CLI run to finish; serving may not (OpenOptions).
  migrate(db);
  if (options.busyTimeoutMs !== undefined) db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
  return db;
}
