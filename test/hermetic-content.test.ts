import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/**
 * `npm test` never reads the live content/ folder: editors change it every day, and a new post
 * must not break the suite (issue 15). Tests use test/fixtures/content (a frozen copy) or build
 * their own; `npm run check` validates the live folder, and .ci/run runs both.
 */
describe("tests are hermetic", () => {
  const root = join(__dirname, "..");
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      const p = join(dir, name);
      if (statSync(p).isDirectory()) {
        if (name !== "fixtures" && name !== "node_modules") walk(p);
      } else if (/\.(ts|mjs)$/.test(name)) files.push(p);
    }
  };
  walk(__dirname);

  it("no test file names the repository's content/ folder", () => {
    // A path from a test file up into the repository's live folder (two levels up), not fixtures/content,
    // …or the repository root joined with it (as the benchmarks once did).
    const live = /["'`](?:\.\.\/)+content["'`/]|\broot\s*,\s*["'`]content["'`]/;
    // The forbidden samples are put together here, so this file itself never spells a live path.
    const up = ["..", "..", "content"].join("/");
    const folder = ["con", "tent"].join("");
    expect(live.test(`join(__dirname, "${up}")`)).toBe(true);
    expect(live.test(`join(root, "${folder}", f)`)).toBe(true);
    expect(live.test('join(__dirname, "../fixtures/content")')).toBe(false);
    expect(live.test('join(root, "test", "fixtures", "content")')).toBe(false);
    const offenders = files.filter((f) => f !== __filename && live.test(readFileSync(f, "utf8")));
    expect(offenders.map((f) => relative(root, f))).toEqual([]);
  });
});

/**
 * The proof: content/ may hold any valid posts. Unusual but valid content (a 图片消息, a post
 * without pictures relying on the column's cover and mode, comments, YAML comments, a file saved on
 * Windows with a BOM and CRLF) goes into a scratch content folder, and the content-dependent parts
 * (the bot's files, loadPosts, check as it renders every post) run on it clean.
 */
describe("unusual but valid content checks clean", () => {
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { cpSync, mkdtempSync, rmSync, writeFileSync } = require("node:fs") as typeof import("node:fs");
  const { tmpdir } = require("node:os") as typeof import("node:os");
  const { loadConfig } = require("../src/config") as typeof import("../src/config");
  const { checkContent } = require("../src/cli/check-command") as typeof import("../src/cli/check-command");
  const { loadContent } = require("../src/bot/load-content") as typeof import("../src/bot/load-content");
  const { loadPosts } = require("../src/posts/load-posts") as typeof import("../src/posts/load-posts");
  const FIXTURE = join(__dirname, "fixtures/content");
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "unusual-content-"));
    cpSync(FIXTURE, dir, { recursive: true });
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const post = (name: string, text: string) => writeFileSync(join(dir, "posts", name), text);

  it("a picture message, a post without pictures, column defaults, comments, BOM + CRLF", () => {
    post(
      "2026-12-20-snow-volunteers-photos.md",
      [
        "---",
        "title: 冬日暖阳志愿服务掠影",
        "column: news",
        "publish_at: 2026-12-20 18:30",
        "type: newspic            # 图片消息",
        "comments: open",
        "---",
        "",
        "11月18日，30余名青年志愿者走进轮台镇，为独居老人清扫积雪、检查取暖设施。",
        "",
        "![扫雪](images/volunteers.png)",
        "",
        "![慰问](images/job-fair.jpg)",
        "",
      ].join("\n"),
    );
    // No pictures, no cover, no mode: the column's default cover (images/covers/inspiration.jpg) and mode (publish).
    post("2026-12-21-may-fourth-medal.md", "---\ntitle: 县五四青年奖章评选结果公示\ncolumn: inspiration\npublish_at: 2026-12-21 10:00\nauthor: 团县委\n---\n\n经个人申报、单位推荐和评审，拟授予以下同志“轮台县五四青年奖章”。\n\n公示期为5个工作日。\n");
    // Saved on Windows: a BOM and CRLF line endings; comments for followers only, a YAML comment.
    post(
      "2026-12-22-winter-job-fair-2.md",
      "\uFEFF---\r\ntitle: 冬季招聘会第二场\r\ncolumn: careers\r\npublish_at: 2026-12-22 09:00 +06:00   # 新疆时间\r\ncomments: fans\r\n---\r\n\r\n**12月26日** 在县人才市场举办，岗位 120 个。\r\n\r\n![招聘会](images/job-fair.jpg)\r\n",
    );

    expect(loadContent(dir).errors).toEqual([]);
    const loaded = loadPosts(dir, { timezone: "Asia/Shanghai", columns: loadContent(dir).content!.columnsById });
    expect(loaded.errors).toEqual([]);
    const bySlug = new Map(loaded.posts.map((p) => [p.slug, p]));
    expect(bySlug.get("2026-12-20-snow-volunteers-photos")).toMatchObject({ type: "newspic", mode: "publish", comments: "open" });
    expect(bySlug.get("2026-12-21-may-fourth-medal")).toMatchObject({ type: "article", mode: "publish", cover: { kind: "auto" } });
    expect(bySlug.get("2026-12-22-winter-job-fair-2")).toMatchObject({ mode: "mass", comments: "fans", publishAt: new Date("2026-12-22T03:00:00Z") });

    const config = loadConfig({ CONTENT_DIR: dir, DATABASE_PATH: ":memory:", LOG_LEVEL: "silent" });
    const r = checkContent(config, { now: new Date("2026-12-10T00:00:00Z") });
    expect(r.problems).toEqual([]);
    expect(r.plans).toHaveLength(7);
    expect(r.summary).toMatch(/7 篇稿件没有问题（其中 7 篇按发出时的样子排版检查过）；0 个问题/);
  });
});
