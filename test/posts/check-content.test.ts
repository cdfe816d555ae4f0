import { readFileSync, rmSync, writeFileSync } from "node:fs";
import path from "node:path";
import { loadConfig } from "../../src/config";
import { checkCommand, checkContent, formatCheckReport } from "../../src/cli/check-command";
import { openDatabase } from "../../src/db/open-database";
import { createPublicationStore } from "../../src/db/stores/publication-store";
import { checkPost, PLACEHOLDER_IMAGE_URL } from "../../src/posts/check-post";
import { jobFair, makeContentDir, FIXTURE_CONTENT, postText, type ContentDir } from "./content-dir";

let c: ContentDir;
beforeEach(() => {
  c = makeContentDir();
});
afterEach(() => c.remove());

/** content/qa.yml belongs to the Q&A feature and is checked by its own tests. */
const notQa = <T extends { file: string }>(problems: T[]): T[] => problems.filter((e) => path.basename(e.file) !== "qa.yml");

const config = (contentDir: string, databasePath = ":memory:") =>
  loadConfig({ CONTENT_DIR: contentDir, DATABASE_PATH: databasePath, LOG_LEVEL: "silent" });

/** Before every demo post: 2026-11-01 08:00 in Beijing. */
const EARLY = new Date("2026-11-01T00:00:00Z");
/** 2026-12-06 20:00 in Beijing: three demo posts are past, one (12-08) ahead. */
const LATE = new Date("2026-12-06T12:00:00Z");

describe("checkContent", () => {
  it("passes the repository's content, rendering every post as it would be sent, and says what will happen to each", () => {
    const r = checkContent(config(FIXTURE_CONTENT), { now: EARLY });
    expect(notQa(r.problems)).toEqual([]);
    expect(r.summary).toMatch(/^内容检查：4 个栏目，\d+ 条关键词规则，4 篇稿件没有问题（其中 4 篇按发出时的样子排版检查过）；\d+ 个问题，4 条提醒$/);
    expect(r.plans).toEqual([
      { slug: "2026-11-20-winter-warmth-volunteers", title: "团县委开展“冬日暖阳”志愿服务活动", plan: "北京时间 11月20日 10:00 群发给全部关注者" },
      { slug: "2026-12-01-county-job-fair", title: "轮台县2026年冬季青年就业招聘会", plan: "北京时间 12月1日 09:00 群发给全部关注者" },
      { slug: "2026-12-04-jujube-farmer-role-model", title: "返乡青年买买提：把红枣卖向全国", plan: "北京时间 12月4日 20:00 群发给全部关注者" },
      { slug: "2026-12-08-winter-break-internships", title: "寒假返乡实习岗位开始报名啦", plan: "北京时间 12月8日 12:00 发布（不推送给关注者，在公众号主页和搜索中可见）" },
    ]);
    // Demo posts still ahead will really go out: check says so, once each.
    expect(r.warnings.map((w) => w.problem)[0]).toBe(
      "这是示例稿件（demo: true），会在 北京时间 2026-11-20 10:00 真的发出：正式使用前删掉示例稿件，或改成真实内容并删掉 demo 这一行",
    );
  });

  it("demo posts whose time has passed are examples: no warning, no 'missed', and check says they will not be sent", () => {
    const r = checkContent(config(FIXTURE_CONTENT), { now: LATE });
    expect(r.warnings.map((w) => path.basename(w.file))).toEqual(["2026-12-08-winter-break-internships.md"]);
    expect(r.plans.map((p) => p.plan)).toEqual([
      "示例稿件，发布时间已过，只作示例，不会发送",
      "示例稿件，发布时间已过，只作示例，不会发送",
      "示例稿件，发布时间已过，只作示例，不会发送",
      "北京时间 12月8日 12:00 发布（不推送给关注者，在公众号主页和搜索中可见）",
    ]);
  });

  it("lists every problem of every file in one pass: bot files, front matter, text, pictures, even with the bot files broken", () => {
    writeFileSync(path.join(c.dir, "replies.yml"), "welcome: [unclosed\n");
    c.writePost("2026-12-01-a.md", jobFair({ mode: "push" }, "联系人：\n\n![缺](images/missing.jpg)\n"));
    c.writePost("2026-12-02-b.md", jobFair({}, "<div>居中</div>\n\n![缺](images/missing.jpg)"));
    const r = checkContent(config(c.dir), { now: EARLY });
    expect(notQa(r.problems).map((e) => [path.relative(c.dir, e.file), e.field])).toEqual([
      ["replies.yml", "welcome[0]"],
      [path.join("posts", "2026-12-01-a.md"), "mode"],
      [path.join("posts", "2026-12-01-a.md"), "body"],
      [path.join("posts", "2026-12-01-a.md"), "body"],
      // Without the column (the bot files are broken) its default mode is unknown, and says so.
      [path.join("posts", "2026-12-02-b.md"), "mode"],
      [path.join("posts", "2026-12-02-b.md"), "body"],
    ]);
    expect(r.summary).toBe(`内容检查：栏目或回复文件有错，稿件只检查了字段和正文；${r.problems.length} 个问题，0 条提醒`);

    writeFileSync(path.join(c.dir, "replies.yml"), readFileSync(path.join(FIXTURE_CONTENT, "replies.yml")));
    const fixed = checkContent(config(c.dir), { now: EARLY });
    expect(notQa(fixed.problems).map((e) => [path.basename(e.file), e.line, e.field])).toEqual([
      ["2026-12-01-a.md", 7, "mode"],
      ["2026-12-01-a.md", 10, "body"],
      ["2026-12-01-a.md", 12, "body"],
      ["2026-12-02-b.md", 9, "body"],
      ["2026-12-02-b.md", 11, "body"],
    ]);
  });

  it("reports a column's missing default cover against columns.yml always, even when no post needs it", () => {
    rmSync(path.join(c.postsDir, "images/covers/inspiration.jpg"));
    const r = checkContent(config(c.dir), { now: EARLY });
    const column = c.bot.columnsById.get("inspiration")!;
    expect(notQa(r.problems).map((e) => [path.basename(e.file), e.line, e.field])).toEqual([["columns.yml", column.defaultCoverLine, "columns[inspiration].default_cover"]]);
    expect(notQa(r.problems)[0]!.problem).toContain("栏目 inspiration 的默认封面：找不到图片「images/covers/inspiration.jpg」");
    // A post that needs the cover does not report it a second time.
    c.writePost("2026-12-01-a.md", postText({ title: "青年榜样", column: "inspiration", publish_at: "2026-12-01 20:00" }, "只有文字。\n"));
    expect(notQa(checkContent(config(c.dir), { now: EARLY }).problems)).toHaveLength(1);
  });

  it("a post whose time has passed and that was not sent gets a warning with the fix; a sent one does not", () => {
    const dbPath = path.join(c.dir, "app.db");
    c.writePost("2026-12-01-a.md", jobFair({ publish_at: "2026-12-01 09:00" }));
    c.writePost("2026-12-02-b.md", jobFair({ publish_at: "2026-12-02 09:00" }));
    c.writePost("2026-12-30-c.md", jobFair({ publish_at: "2026-12-30 09:00" }));
    const db = openDatabase(dbPath);
    const store = createPublicationStore(db);
    const row = store.insert({ accountId: "default", slug: "2026-12-02-b", columnId: "careers", mode: "mass", postTitle: "招聘会", scheduledAt: new Date("2026-12-02T01:00:00Z") }, { step: "scheduled" }, EARLY)!;
    store.savePublished({ ...row, state: "published", issue: 1 }, { step: "published" }, EARLY);
    db.close();
    const r = checkContent(config(c.dir, dbPath), { now: LATE });
    expect(r.problems.filter((e) => path.basename(e.file) !== "qa.yml")).toEqual([]);
    expect(r.warnings.map((w) => [path.basename(w.file), w.field, w.problem])).toEqual([
      [
        "2026-12-01-a.md",
        "publish_at",
        "发布时间已过（北京时间 2026-12-01 09:00），还没有发送：改成将来的时间，或运行 npm run cli -- publish --post 2026-12-01-a --now 立即发送",
      ],
    ]);
    expect(r.plans.map((p) => [p.slug, p.plan])).toEqual([
      ["2026-12-01-a", "北京时间 12月1日 09:00 群发给全部关注者（当天的群发次数：0/1）（时间已过，见上面的提醒）"],
      ["2026-12-02-b", "已交给微信（已发出），不会再发"],
      ["2026-12-30-c", "北京时间 12月30日 09:00 群发给全部关注者（当天的群发次数：0/1）"],
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
    expect(notQa(checkContent(config(c.dir), { now: EARLY }).problems)).toEqual([]);
    expect(notQa(checkContent(config(c.dir, dbPath), { now: EARLY }).problems).map((e) => e.field)).toEqual(["title"]);
  });
});

describe("check command", () => {
  it("prints problems by file with line and field in Chinese, then warnings, plans and the summary; exit 1", () => {
    c.writePost("2026-12-01-a.md", jobFair({ mode: "push" }, "报名请联系团县委XXX。\n"));
    let text = "";
    const code = checkCommand(config(c.dir), [], (t) => (text += t), EARLY);
    expect(code).toBe(1);
    const rel = path.relative(process.cwd(), path.join(c.postsDir, "2026-12-01-a.md"));
    expect(text).toContain(
      `问题（必须改好才能发送）：\n${rel}\n  第 7 行 · mode（发送方式）：「push」不对：写 publish（发布，不推送给关注者）或 mass（群发，推送给全部关注者）\n  第 10 行 · body（正文）：还有没填的占位文字「XXX」（XXX）：「报名请联系团县委XXX。」。`,
    );
    expect(text).toMatch(/改好 .+ 里的这些问题后，再运行 npm run cli -- check\n$/);
  });

  it("--json gives the same facts for machines", () => {
    c.writePost("2026-12-30-a.md", jobFair({ publish_at: "2026-12-30 09:00" }));
    let text = "";
    expect(checkCommand(config(c.dir), ["--json"], (t) => (text += t), EARLY)).toBe(0);
    const json = JSON.parse(text);
    expect(json.ok).toBe(true);
    expect(json.posts).toEqual([{ slug: "2026-12-30-a", title: "轮台县2026年冬季青年就业招聘会", plan: "北京时间 12月30日 09:00 群发给全部关注者" }]);
  });

  it("formats a clean report with each post's plan", () => {
    c.writePost("2026-12-30-a.md", jobFair({ publish_at: "2026-12-30 09:00", mode: "publish" }));
    const r = checkContent(config(c.dir), { now: EARLY });
    expect(formatCheckReport(r, c.dir)).toContain("稿件：\n  2026-12-30-a  轮台县2026年冬季青年就业招聘会\n      北京时间 12月30日 09:00 发布（不推送给关注者，在公众号主页和搜索中可见）\n");
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
