import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type Database from "better-sqlite3";

const MIGRATIONS_DIR = join(__dirname, "migrations");
const FILE_RE = /^(\d{4})_[a-z0-9_]+\.sql$/;

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

export function listMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return readdirSync(dir)
    .filter((f) => FILE_RE.test(f))
    .sort()
    .map((name) => ({ version: Number(FILE_RE.exec(name)![1]), name, sql: readFileSync(join(dir, name), "utf8") }));
}

/**
 * Applies migrations newer than PRAGMA user_version, each in its own IMMEDIATE transaction
 * together with the version bump, so a crash leaves the schema at a known version.
 * Released migration files are never edited; a change is a new file.
 * @returns the names of the migrations applied
 */
export function migrate(db: Database.Database, migrations: Migration[] = listMigrations()): string[] {
  const applied: string[] = [];
  const current = db.pragma("user_version", { simple: true }) as number;
  for (const m of migrations) {
    if (m.version <= current) continue;
    db.transaction(() => {
      db.exec(m.sql);
      db.pragma(`user_version = ${m.version}`);
    }).immediate();
    applied.push(m.name);
  }
  return applied;
}
