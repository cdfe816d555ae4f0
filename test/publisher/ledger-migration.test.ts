import Database from "better-sqlite3";
import { listMigrations, migrate } from "../../src/db/migrate";
import { createPublicationStore } from "../../src/db/stores/publication-store";

/** Migration 0010 rebuilds publications for the new states (SQLite cannot alter a CHECK) and keeps every row. */
it("keeps the ledger's rows and history, and accepts draft_only, awaiting_approval and skipped", () => {
  const db = new Database(":memory:");
  const all = listMigrations();
  migrate(db, all.filter((m) => m.version < 10));
  const at = Date.parse("2026-11-20T02:00:00Z");
  db.prepare(
    `INSERT INTO publications (account_id, post_slug, column_id, mode, post_title, scheduled_at, state, issue, article_title, msg_id, attempts, created_at, updated_at, revision)
     VALUES ('default', '2026-11-20-old-news', 'news', 'mass', '旧闻', @at, 'published', 3, '【轮青关注】第3期 · 旧闻', '1000000001', 1, @at, @at, 7)`,
  ).run({ at });
  migrate(db, all);
  const store = createPublicationStore(db);
  const row = store.find("default", "2026-11-20-old-news")!;
  expect(row).toMatchObject({ state: "published", issue: 3, articleTitle: "【轮青关注】第3期 · 旧闻", msgId: "1000000001", attempts: 1, revision: 7 });
  expect(store.findByMsgId("default", "1000000001")?.slug).toBe("2026-11-20-old-news");
  for (const state of ["draft_only", "awaiting_approval", "skipped"] as const) {
    const current = store.find("default", "2026-11-20-old-news")!;
    expect(store.save({ ...current, state }, { step: "test" }, new Date(at))).toMatchObject({ state });
  }
  expect(() => db.prepare("UPDATE publications SET state = 'lost'").run()).toThrow(/CHECK constraint/);
  const indexes = db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'publications' AND name LIKE 'publications_by%'").all();
  expect(indexes).toHaveLength(4);
  db.close();
});
