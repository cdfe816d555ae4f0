"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStaffLoginFailureStore = createStaffLoginFailureStore;
function createStaffLoginFailureStore(db) {
    const count = db.prepare(`
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
//# sourceMappingURL=staff-login-failure-store.js.map