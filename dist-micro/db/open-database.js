"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.openDatabase = openDatabase;
const node_fs_1 = require("node:fs");
const node_path_1 = require("node:path");
const better_sqlite3_1 = __importDefault(require("better-sqlite3"));
const migrate_1 = require("./migrate");
function openDatabase(path, options = {}) {
    if (path !== ":memory:")
        (0, node_fs_1.mkdirSync)((0, node_path_1.dirname)(path), { recursive: true });
    const db = new better_sqlite3_1.default(path);
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
    (0, migrate_1.migrate)(db);
    if (options.busyTimeoutMs !== undefined)
        db.pragma(`busy_timeout = ${options.busyTimeoutMs}`);
    return db;
}
//# sourceMappingURL=open-database.js.map