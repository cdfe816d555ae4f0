"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.listMigrations = listMigrations;
exports.migrate = migrate;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const MIGRATIONS_DIR = (0, node_path_1.join)(__dirname, "migrations");
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;
function listMigrations(dir = MIGRATIONS_DIR) {
    return (0, node_fs_1.readdirSync)(dir)
        .filter((f) => FILE_RE.test(f))
        .sort()
        .map((name) => ({ version: Number(FILE_RE.exec(name)[1]), name, sql: (0, node_fs_1.readFileSync)((0, node_path_1.join)(dir, name), "utf8") }));
}
/**
 * Applies migrations newer than PRAGMA user_version, each in its own IMMEDIATE transaction
 * together with the version bump, so a crash leaves the schema at a known version.
 * Released migration files are never edited; a change is a new file.
 * @returns the names of the migrations applied
 */
function migrate(db, migrations = listMigrations()) {
    const applied = [];
    const current = db.pragma("user_version", { simple: true });
    for (const m of migrations) {
        if (m.version <= current)
            continue;
        db.transaction(() => {
            db.exec(m.sql);
            db.pragma(`user_version = ${m.version}`);
        }).immediate();
        applied.push(m.name);
    }
    return applied;
}
//# sourceMappingURL=migrate.js.map