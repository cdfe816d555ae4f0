"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.journalPathFor = journalPathFor;
exports.openPushJournal = openPushJournal;
const better_sqlite3_1 = __importDefault(require("better-sqlite3"));
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
/** Beside app.db: app.pending-pushes.db. */
function journalPathFor(databasePath) {
    return databasePath === ":memory:" ? ":memory:" : `${databasePath.replace(/\.db$/, "")}.pending-pushes.db`;
}
/**
 * Where the webhook keeps pushes it answered while the main database was locked by another
 * process (a backup, the CLI, a stats run): a small SQLite file that only the service writes, so
 * writing to it never waits. WAL with synchronous=NORMAL, like the main database: an entry
 * survives a crash of the process (kill -9), not a power cut (README, Going live).
 * Bounded by `capacity`: a push that finds it full gets no reply, and WeChat retries it.
 */
function openPushJournal(path, capacity) {
    if (path !== ":memory:")
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(path), { recursive: true });
    const db = new better_sqlite3_1.default(path);
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
    const select = db.prepare("SELECT reply_json FROM pending_pushes WHERE account_id = ? AND dedup_key = ?");
    const selectOldest = db.prepare("SELECT seq, entry_json FROM pending_pushes ORDER BY seq LIMIT ?");
    const remove = db.prepare("DELETE FROM pending_pushes WHERE seq <= ?");
    const count = db.prepare("SELECT count(*) FROM pending_pushes").pluck();
    let size = count.get();
    return {
        size: () => size,
        capacity,
        find(accountId, dedupKey) {
            if (size === 0)
                return undefined;
            const row = select.get(accountId, dedupKey);
            return row ? { reply: row.reply_json ? JSON.parse(row.reply_json) : null } : undefined;
        },
        append(entry) {
            if (size >= capacity)
                return false;
            const json = JSON.stringify({ ...entry, message: { ...entry.message, createdAt: entry.message.createdAt.getTime() }, receivedAt: entry.receivedAt.getTime() });
            size += insert.run(entry.accountId, entry.message.dedupKey, json, entry.reply ? JSON.stringify(entry.reply) : null).changes;
            return true;
        },
        oldest(limit) {
            return selectOldest.all(limit).map((r) => {
                const e = JSON.parse(r.entry_json);
                return { ...e, seq: r.seq, message: { ...e.message, createdAt: new Date(e.message.createdAt) }, receivedAt: new Date(e.receivedAt) };
            });
        },
        removeThrough(seq) {
            remove.run(seq);
            size = count.get();
        },
        close: () => db.close(),
    };
}
//# sourceMappingURL=push-journal.js.map