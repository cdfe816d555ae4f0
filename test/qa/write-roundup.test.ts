import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { loadContent } from "../../src/bot/load-content";
import { openDatabase, type Db } from "../../src/db/open-database";
import { createQaTicketStore, type QaTicketStore } from "../../src/db/stores/qa-ticket-store";
import { loadPosts } from "../../src/posts/load-posts";
import { checkPost } from "../../src/posts/check-post";
import { loadQaContent } from "../../src/qa/load-qa-content";
import { buildRoundup, escapeMarkdown, writeRoundup } from "../../src/qa/write-roundup";
import { fixedClock } from "../../src/time";

const REPO = path.join(__dirname, "../fixtures/content");
const TZ = "Asia/Shanghai";

describe("writeRoundup", () => {
  let dir: string;
  let db: Db;
  let store: QaTicketStore;
  const clock = fixedClock("2026-12-07T02:00:00Z"); // Monday 10:00 in Beijing

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), "qa-roundup-"));
    for (const f of ["columns.yml", "replies.yml", "menu.yml", "qa.yml"]) cpSync(path.join(REPO, f), path.join(dir, f));
    mkdirSync(path.join(dir, "posts"));
    db = openDatabase(":memory:");
    store = createQaTicketStore(db);
  });
  afterEach(() => {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** An answered ticket, asked and answered on the given Beijing days. */
  function answered(question: string, answer: string, day: string, picked = true): number {
    const at = new Date(`${day}T10:00:00+08:00`);
    const { id } = store.create({ accountId: "default", openId: `o_${question}`, question, askedAt: at, dedupKey: `m:${question}`, now: at });
    store.saveAnswer({ id, answer, by: "王芳", at: new Date(at.getTime() + 3600_000), delivery: "pending" });
    if (picked) store.setPicked(id, true, at);
    return id;
  }

  const deps = () => {
    const settings = loadQaContent(dir).content!.roundup;
    const column = loadContent(dir).content!.columnsById.get(settings.column)!;
    return { store, clock, accountId: "default", contentDir: dir, timezone: TZ, settings, titleTemplate: column.titleTemplate };
  };

  it("writes the picked answers as a draft post the posts loader accepts and the publisher could send", () => {
    answered("返乡创业有哪些扶持政策？", "可申请创业担保贷款。\n\n详情请咨询县人社局。", "2026-12-01");
    answered("团员证丢了怎么补办？", "请到所在团支部申请补办。", "2026-12-03");
    answered("不选的问题", "不选的答复", "2026-12-04", false);
    const r = writeRoundup(deps())!;
    expect(r).toMatchObject({ slug: "2026-12-07-youth-voice-qa", count: 2, title: "青年之声问答（12.1—12.3）" });

    const bot = loadContent(dir).content!;
    const { posts, errors } = loadPosts(dir, { timezone: TZ, columns: bot.columnsById });
    expect(errors.map((e) => e.message)).toEqual([]);
    const [post] = posts;
    expect(post).toMatchObject({ slug: r.slug, columnId: "news", draft: true, mode: "publish", author: "团县委", title: r.title });
    expect(post!.publishAt.toISOString()).toBe("2026-12-08T01:00:00.000Z");
    expect(post!.body).toContain("## 1. 返乡创业有哪些扶持政策？");
    expect(post!.body).toContain("**答：**可申请创业担保贷款。\n\n详情请咨询县人社局。");
    expect(post!.body).toContain("## 2. 团员证丢了怎么补办？");
    expect(post!.body).not.toContain("不选的问题");
    expect(readFileSync(r.file, "utf8")).not.toMatch(/o_返乡/); // no openids in the post
    const titleProblems = checkPost(post!, bot.columnsById.get("news")!, dir, 12).problems.filter((p) => p.field === "title" || p.field === "body");
    expect(titleProblems.map((p) => p.message)).toEqual([]);
  });

  it("does not gather the same answers twice, and writes nothing when none is picked", () => {
    answered("问题一", "答复一", "2026-12-01");
    expect(writeRoundup(deps())?.count).toBe(1);
    expect(writeRoundup(deps())).toBeNull();
    answered("问题二", "答复二", "2026-12-05");
    const second = writeRoundup(deps())!;
    expect(second.slug).toBe("2026-12-07-youth-voice-qa-2");
    expect(second.count).toBe(1);
  });

  it("takes only answers given on or after --since (a Beijing date)", () => {
    answered("早的问题", "早的答复", "2026-11-20");
    answered("晚的问题", "晚的答复", "2026-12-02");
    const r = writeRoundup(deps(), "2026-12-01")!;
    expect(r.count).toBe(1);
    expect(readFileSync(r.file, "utf8")).not.toContain("早的问题");
  });
});

describe("buildRoundup", () => {
  it("shows youths' Markdown and HTML as text, and drops the dates from a title too long for the column's template", () => {
    const at = new Date("2026-12-01T02:00:00Z");
    const post = buildRoundup({
      tickets: [{ id: 1, question: "# <b>补贴</b> *多少*？", answer: "1. 先申请\n2. 再审核", askedAt: at, answeredAt: at }],
      settings: { column: "news", title: "青年之声问答（{from}—{to}）", author: undefined },
      titleTemplate: "【轮台共青团青年之声栏目】第{issue}期 · {title}",
      now: at,
      timezone: TZ,
    });
    expect(post.title).toBe("青年之声问答");
    expect(post.markdown).toContain("## 1. \\# \\<b\\>补贴\\</b\\> \\*多少\\*？");
    expect(post.markdown).toContain("**答：**\\1. 先申请  \n\\2. 再审核");
    expect(escapeMarkdown("[链接](x)")).toBe("\\[链接\\](x)");
  });
});
