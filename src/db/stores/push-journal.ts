import Database from "better-sqlite3";
import { mkdirSync } from "node:fs";
import { dirname } from "node:path";
import type { InboundMessage, Reply } from "../../wechat/types";
import type { StoredPush } from "./message-store";

/** A push answered while the main database was locked, with what was decided for it. */
export interface JournalEntry<D> {
  accountId: string;
  message: InboundMessage;
  decision: D;
  /** The reply that went out; the fold stores exactly this. */
  reply: Reply | null;
  receivedAt: Date;
}

export interface PushJournal<D> {
  /** Entries waiting to be folded into the main database. */
  size(): number;
  capacity: number;
  find(accountId: string, dedupKey: string): StoredPush | undefined;
  /** Makes the entry durable (before its reply is written). False when full: the push gets no reply. */
  append(entry: JournalEntry<D>): boolean;
  /** The oldest entries, in the order they were appended. */
  oldest(limit: number): Array<JournalEntry<D> & { seq: number }>;
  /** Forgets the entries up to `seq` (they are in the main database now). */
  removeThrough(seq: number): void;
  close(): void;
}

/** Beside app.db: app.pending-pushes.db. */
export function journalPathFor(databasePath: string): string {
  return databasePath === ":memory:" ? ":memory:" : `${databasePath.replace(/\.db$/, "")}.pending-pushes.db`;
}

/**
 * Where the webhook keeps pushes it answered while the main database was locked by another
 * process (a backup, the CLI, a stats run): a small SQLite file that only the service writes, so
 * writing to it never waits. WAL with synchronous=NORMAL, like the main database: an entry
 * survives a crash of the process (kill -9), not a power cut (README, Going live).
 * Bounded by `capacity`: a push that finds it full gets no reply, and WeChat retries it.
 */
export function openPushJournal<D>(path: string, capacity: number): PushJournal<D> {
  if (path !== ":memory:") mkdirSync(dirname(path), { recursive: true });
  const db = new Database(path);
  db.pragma("journal_mode = WAL");
  db.pragma("synchronous = NORMAL");
  db.exec(`CREATE TABLE IF NOT EXISTS pending_pushes (
    seq         INTEGER PRIMARY KEY AUTOINCREMENT,
    account_id  TEXT NOT NULL,
    dedup_key   TEXT NOT NULL,
    entry_json  TEXT NOT NULL,
    reply_json  TEXT,
    UNIQUE (account_id, dedup_key)
  )`);
  const insert = db.prepare("INSERT INTO pending_pushes (account_id, dedup_key, entry_json, reply_json) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING");
  const select = db.prepare<[string, string], { reply_json: string | null }>("SELECT reply_json FROM pending_pushes WHERE account_id = ? AND dedup_key = ?");
  const selectOldest = db.prepare<[number], { seq: number; entry_json: string }>("SELECT seq, entry_json FROM pending_pushes ORDER BY seq LIMIT ?");
  const remove = db.prepare("DELETE FROM pending_pushes WHERE seq <= ?");
  const count = db.prepare("SELECT count(*) FROM pending_pushes").pluck();
  let size = count.get() as number;

  return {
    size: () => size,
    capacity,
    find(accountId, dedupKey) {
      if (size === 0) return undefined;
      const row = select.get(accountId, dedupKey);
      return row ? { reply: row.reply_json ? (JSON.parse(row.reply_json) as Reply) : null } : undefined;
    },
    append(entry) {
      if (size >= capacity) return false;
      const json = JSON.stringify({ ...entry, message: { ...entry.message, createdAt: entry.message.createdAt.getTime() }, receivedAt: entry.receivedAt.getTime() });
      size += insert.run(entry.accountId, entry.message.dedupKey, json, entry.reply ? JSON.stringify(entry.reply) : null).changes;
      return true;
    },
    oldest(limit) {
      return selectOldest.all(limit).map((r) => {
        const e = JSON.parse(r.entry_json) as JournalEntry<D> & { message: { createdAt: number }; receivedAt: number };
        return { ...e, seq: r.seq, message: { ...e.message, createdAt: new Date(e.message.createdAt) } as InboundMessage, receivedAt: new Date(e.receivedAt) };
      });
    },
    removeThrough(seq) {
      remove.run(seq);
      size = count.get() as number;
    },
    close: () => db.close(),
  };
}
