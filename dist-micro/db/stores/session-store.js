"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSessionStore = createSessionStore;
function createSessionStore(db) {
    const insert = db.prepare(`
    INSERT INTO staff_sessions (id_hash, user_id, csrf_token, created_at, expires_at, last_seen_at)
    VALUES (@id_hash, @user_id, @csrf_token, @created_at, @expires_at, @created_at)`);
    const selectLive = db.prepare(`
    SELECT s.id_hash AS idHash, s.user_id AS userId, u.name AS userName, s.csrf_token AS csrfToken,
           s.created_at AS createdAt, s.expires_at AS expiresAt
    FROM staff_sessions s JOIN staff_users u ON u.id = s.user_id
    WHERE s.id_hash = @id_hash AND s.expires_at > @now`);
    const touch = db.prepare("UPDATE staff_sessions SET last_seen_at = @now WHERE id_hash = @id_hash");
    const del = db.prepare("DELETE FROM staff_sessions WHERE id_hash = @id_hash");
    const delUser = db.prepare("DELETE FROM staff_sessions WHERE user_id = @user_id");
    const delExpired = db.prepare("DELETE FROM staff_sessions WHERE expires_at <= @now");
    return {
        create: (s) => void insert.run({ id_hash: s.idHash, user_id: s.userId, csrf_token: s.csrfToken, created_at: s.createdAt, expires_at: s.expiresAt }),
        findLive: (idHash, now) => selectLive.get({ id_hash: idHash, now }),
        touch: (idHash, now) => void touch.run({ id_hash: idHash, now }),
        delete: (idHash) => void del.run({ id_hash: idHash }),
        deleteForUser: (userId) => delUser.run({ user_id: userId }).changes,
        deleteExpired: (now) => delExpired.run({ now }).changes,
    };
}
//# sourceMappingURL=session-store.js.map