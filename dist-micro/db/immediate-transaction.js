"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.immediateTransaction = immediateTransaction;
exports.isBusy = isBusy;
exports.savepoint = savepoint;
/**
 * A write transaction that takes SQLite's write lock up front (BEGIN IMMEDIATE), so that a lock
 * held by another process shows as SQLITE_BUSY before anything is read or decided, never half way.
 * Transactions of better-sqlite3 inside it (`db.transaction`) become savepoints.
 */
function immediateTransaction(db) {
    const begin = db.prepare("BEGIN IMMEDIATE");
    const commit = db.prepare("COMMIT");
    const rollback = db.prepare("ROLLBACK");
    return (fn) => {
        begin.run();
        try {
            const result = fn();
            commit.run();
            return result;
        }
        catch (err) {
            if (db.inTransaction)
                rollback.run();
            throw err;
        }
    };
}
/** SQLite's "another connection holds the lock" (SQLITE_BUSY and its extended codes, SQLITE_LOCKED). */
function isBusy(err) {
    const code = err?.code;
    return typeof code === "string" && (code.startsWith("SQLITE_BUSY") || code.startsWith("SQLITE_LOCKED"));
}
function savepoint(db) {
    const open = db.prepare("SAVEPOINT one_push");
    const release = db.prepare("RELEASE one_push");
    const rollbackTo = db.prepare("ROLLBACK TO one_push");
    return (fn) => {
        open.run();
        try {
            const result = fn();
            release.run();
            return result;
        }
        catch (err) {
            rollbackTo.run();
            release.run();
            throw err;
        }
    };
}
//# sourceMappingURL=immediate-transaction.js.map