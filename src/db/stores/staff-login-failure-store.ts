import type { Db } from "../open-database";

/**
 * staff_login_failures: login attempts per key ("<ip>|<name>"), for a sliding-window rate limit.
 * An attempt is recorded before its password is checked (issue 12) and withdrawn if it succeeds,
 * so a row is a failed or still-undecided attempt.
 */
export interface StaffLoginFailureStore {
  /** Failures of `key` since `since`, and the oldest of them. */
  countSince(key: string, since: number): { n: number; oldest: number | null };
  /** Records one attempt; returns its id (for `remove`). */
  add(key: string, at: number): number;
  /** Withdraws one attempt recorded by `add` (it succeeded). */
  remove(id: number): void;
  clear(key: string): void;
  /** Forgets failures older than `before` (they no longer count). */
  prune(before: number): void;
  /**
   * Runs `fn` in one IMMEDIATE transaction: a count and the add that depends on it cannot be
   * interleaved with another connection's (the CLI or a second process on the same file).
   */
  atomically<T>(fn: () => T): T;
}

export function createStaffLoginFailureStore(db: Db): StaffLoginFailureStore {
  const count = db.prepare<{ key: string; since: number }, { n: number; oldest: number | null }>(`
    SELECT count(*) AS n, min(failed_at) AS oldest FROM staff_login_failures WHERE key = @key AND failed_at >= @since`);
  const insert = db.prepare("INSERT INTO staff_login_failures (key, failed_at) VALUES (@key, @at)");
  const delOne = db.prepare("DELETE FROM staff_login_failures WHERE id = @id");
  const del = db.prepare("DELETE FROM staff_login_failures WHERE key = @key");
  const prune = db.prepare("DELETE FROM staff_login_failures WHERE failed_at < @before");
  return {
    countSince: (key, since) => count.get({ key, since }) ?? { n: 0, oldest: null },
    add: (key, at) => Number(insert.run({ key, at }).lastInsertRowid),
    remove: (id) => void delOne.run({ id }),
    clear: (key) => void del.run({ key }),
    prune: (before) => void prune.run({ before }),
    atomically: (fn) => db.transaction(fn).immediate(),
  };
}
