import type { Db } from "../open-database";

/** staff_login_failures: failed logins per key ("<ip>|<name>"), for a sliding-window rate limit. */
export interface StaffLoginFailureStore {
  /** Failures of `key` since `since`, and the oldest of them. */
  countSince(key: string, since: number): { n: number; oldest: number | null };
  add(key: string, at: number): void;
  clear(key: string): void;
  /** Forgets failures older than `before` (they no longer count). */
  prune(before: number): void;
}

export function createStaffLoginFailureStore(db: Db): StaffLoginFailureStore {
  const count = db.prepare<{ key: string; since: number }, { n: number; oldest: number | null }>(`
    SELECT count(*) AS n, min(failed_at) AS oldest FROM staff_login_failures WHERE key = @key AND failed_at >= @since`);
  const insert = db.prepare("INSERT INTO staff_login_failures (key, failed_at) VALUES (@key, @at)");
  const del = db.prepare("DELETE FROM staff_login_failures WHERE key = @key");
  const prune = db.prepare("DELETE FROM staff_login_failures WHERE failed_at < @before");
  return {
    countSince: (key, since) => count.get({ key, since }) ?? { n: 0, oldest: null },
    add: (key, at) => void insert.run({ key, at }),
    clear: (key) => void del.run({ key }),
    prune: (before) => void prune.run({ before }),
  };
}
