import { writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { checkContent } from "../../src/cli/check-command";
import { openDatabase } from "../../src/db/open-database";
import { createPublicationStore } from "../../src/db/stores/publication-store";
import { checkPost, PLACEHOLDER_IMAGE_URL } from "../../src/posts/check-post";
import { jobFair, makeContentDir, FIXTURE_CONTENT, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeEach(() => {
  c = makeContentDir();
});
afterEach(() => c.remove());

/** content/qa.yml belongs to the Q&A feature and is checked by its own tests. */
const notQa = <T extends { file: string }>(problems: T[]): T[] => problems.filter((e) => path.basename(e.file) !== "qa.yml");

const config = (contentDir: string, databasePath = ":memory:") =>
  loadConfig({ CONTENT_DIR: contentDir, DATABASE_PATH: databasePath, LOG_LEVEL: "silent" });

describe("checkContent", () => {
  it("passes the repository's content, rendering every post as it would be sent", () => {
    const r = checkContent(config(FIXTURE_CONTENT));
    expect(notQa(r.problems)).toEqual([]);
    expect(r.summary).toMatch(/^content OK: 4 columns, \d+ keyword rules, 4 posts \(4 rendered and checked\)$/);
  });

  it("lists every problem of every file at once: bot files, front matter, images, rendering", () => {
    writeFileSync(path.join(c.dir, "replies.yml"), "welcome: [unclosed\n");
    c.writePost("2026-12-01-a.md", jobFair({ mode: "push" }));
    c.writePost("2026-12-02-b.md", jobFair({}, "<div>居中</div>\n\n![缺](images/missing.jpg)"));
    const r = checkContent(config(c.dir));
    const files = r.problems.map((e) => path.relative(c.dir, e.file));
    expect(files).toContain("replies.yml");
    expect(files).toContain(path.join("posts", "2026-12-01-a.md"));
    // With replies.yml broken the posts' columns cannot be checked, but their own fields still are.
    expect(r.summary).toBe("1 posts read");
    writeFileSync(path.join(c.dir, "replies.yml"), require("node:fs").readFileSync(path.join(FIXTURE_CONTENT, "replies.yml")));
    const fixed = checkContent(config(c.dir));
    expect(notQa(fixed.problems).map((e) => [path.basename(e.file), e.field])).toEqual([
      ["2026-12-01-a.md", "mode"],
      ["2026-12-02-b.md", "body"],
      ["2026-12-02-b.md", "body"],
    ]);
  });

  it("checks titles with the issue numbers from the ledger when the database exists", () => {
    const dbPath = path.join(c.dir, "app.db");
    const db = openDatabase(dbPath);
    const store = createPublicationStore(db);
    const now = new Date("2026-11-01T00:00:00Z");
    const row = store.insert({ accountId: "default", slug: "old", columnId: "careers", mode: "mass", postTitle: "旧", scheduledAt: now }, { step: "scheduled" }, now)!;
    store.savePublished({ ...row, state: "published", issue: 999 }, { step: "published" }, now);
    db.close();
    // 【轮青诚聘】第1000期 · + 19 characters = 33 > 32; with issue 1 it would fit.
    c.writePost("2026-12-01-a.md", jobFair({ title: "轮台县二〇二六年冬季青年就业招聘会暨双选" }));
    expect(notQa(checkContent(config(c.dir)).problems)).toEqual([]);
    expect(notQa(checkContent(config(c.dir, dbPath)).problems).map((e) => e.field)).toEqual(["title"]);
  });
});

describe("checkPost", () => {
  it("renders with placeholder image URLs as long as WeChat's and counts the files to upload", () => {
    c.writePost("2026-12-01-a.md", jobFair({}, "![a](images/job-fair.jpg)\n\n![b](images/volunteers.png)"));
    const post = c.load().posts[0]!;
    const r = checkPost(post, c.bot.columnsById.get("careers")!, c.dir, 7);
    expect(r.problems).toEqual([]);
    expect(r.images).toBe(2);
    expect(r.article.html).toContain(PLACEHOLDER_IMAGE_URL);
    expect(PLACEHOLDER_IMAGE_URL.length).toBeGreaterThanOrEqual(100);
  });
});
