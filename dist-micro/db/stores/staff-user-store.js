"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStaffUserStore = createStaffUserStore;
const COLUMNS = `id, name, password_hash AS passwordHash, created_at AS createdAt,
  password_changed_at AS passwordChangedAt, last_login_at AS lastLoginAt`;
function createStaffUserStore(db) {
    const byName = db.prepare(`SELECT ${COLUMNS} FROM staff_users WHERE name = @name`);
    const byId = db.prepare(`SELECT ${COLUMNS} FROM staff_users WHERE id = @id`);
    const all = db.prepare(`SELECT ${COLUMNS} FROM staff_users ORDER BY name`);
    const countAll = db.prepare("SELECT count(*) AS n FROM staff_users");
    const insert = db.prepare(`
    INSERT INTO staff_users (name, password_hash, created_at, password_changed_at) VALUES (@name, @hash, @at, @at)`);
    const updatePassword = db.prepare("UPDATE staff_users SET password_hash = @hash, password_changed_at = @at WHERE id = @id");
    const updateLogin = db.prepare("UPDATE staff_users SET last_login_at = @at WHERE id = @id");
    const del = db.prepare("DELETE FROM staff_users WHERE name = @name");
    return {
        findByName: (name) => byName.get({ name }),
        findById: (id) => byId.get({ id }),
        list: () => all.all(),
        count: () => countAll.get()?.n ?? 0,
        add: (name, hash, at) => Number(insert.run({ name, hash, at }).lastInsertRowid),
        setPassword: (id, hash, at) => void updatePassword.run({ id, hash, at }),
        touchLogin: (id, at) => void updateLogin.run({ id, at }),
        remove: (name) => del.run({ name }).changes > 0,
    };
}
//# sourceMappingURL=staff-user-store.js.map