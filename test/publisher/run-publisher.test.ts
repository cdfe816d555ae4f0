import { rmSync } from "node:fs";
import path from "node:path";
import { jobFair, startPublishing, type Publishing } from "./publishing-harness";

let t: Publishing;
afterEach(() => t.close());

const outcomes = (r: { entries: { slug: string; outcome: string }[] }) => r.entries.map((e) => `${e.slug} ${e.outcome}`);

describe("runPublisher", () => {
  it("tracks every post, publishes the due ones, leaves future ones scheduled and reports missed ones", async () => {
    t = await startPublishing({ accountType: "service" });
    t.c.writePost("2026-11-20-old-news.md", jobFair({ title: "旧闻", column: "news", publish_at: "2026-11-20 10:00" }));
    t.c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 08:30", mode: "publish" }));
    t.c.writePost("2026-12-08-internships.md", jobFair({ title: "寒假实习", column: "students", publish_at: "2026-12-08 12:00" }));
    t.c.writePost("2026-12-09-not-ready.md", jobFair({ title: "未完成", column: "students", publish_at: "2026-12-01 09:00", draft: "true" }));
    const r = await t.run();
    expect(r.problems).toEqual([]);
    expect(outcomes(r)).toEqual(["2026-11-20-old-news missed", "2026-12-01-job-fair submitted"]);
    expect(r.entries[0]!.detail).toBe(
      "原定 北京时间 2026-11-20 10:00，已晚 11 天，超过 2 小时的补发时限，没有自动发送：如仍要发送，请在发布页点“立即发布”，或运行 npm run cli -- publish --post 2026-11-20-old-news",
    );
    expect(t.store.list("default").map((x) => [x.slug, x.state])).toEqual([
      ["2026-11-20-old-news", "missed"],
      ["2026-12-01-job-fair", "submitted"],
      ["2026-12-08-internships", "scheduled"],
    ]);
    await t.settle();
    expect(outcomes(await t.run())).toEqual(["2026-12-01-job-fair published"]);
    expect(await t.run()).toEqual({ problems: [], entries: [] });
  });

  it("reports posts with problems and publishes the others", async () => {
    t = await startPublishing();
    t.c.writePost("2026-12-01-bad.md", jobFair({ mode: "push" }));
    t.c.writePost("2026-12-01-good.md", jobFair({ title: "好", publish_at: "2026-12-01 09:30" }));
    const r = await t.run();
    expect(r.problems.map((e) => path.basename(e.file))).toEqual(["2026-12-01-bad.md"]);
    expect(outcomes(r)).toEqual(["2026-12-01-good submitted"]);
  });

  it("follows the editor: a new publish_at reschedules (also a missed post), a removed file cancels", async () => {
    t = await startPublishing();
    t.c.writePost("2026-11-20-old.md", jobFair({ publish_at: "2026-11-20 10:00" }));
    t.c.writePost("2026-12-05-later.md", jobFair({ title: "以后", column: "news", publish_at: "2026-12-05 10:00" }));
    await t.run();
    expect(t.store.find("default", "2026-11-20-old")!.state).toBe("missed");
    t.c.writePost("2026-11-20-old.md", jobFair({ publish_at: "2026-12-01 09:50" }));
    rmSync(path.join(t.c.postsDir, "2026-12-05-later.md"));
    expect(outcomes(await t.run())).toEqual(["2026-11-20-old submitted"]);
    expect(t.store.find("default", "2026-12-05-later")).toMatchObject({ state: "cancelled", failureReason: "the post file was removed" });
    expect(t.store.events("default", "2026-11-20-old").map((e) => e.step)).toContain("rescheduled");
    t.c.writePost("2026-12-05-later.md", jobFair({ title: "以后", column: "news", publish_at: "2026-12-05 10:00" }));
    await t.run();
    expect(t.store.find("default", "2026-12-05-later")!.state).toBe("scheduled");
  });

  it("holds the second due post of a column until the first is published", async () => {
    t = await startPublishing({ accountType: "service" });
    t.c.writePost("2026-12-01-a.md", jobFair({ title: "第一篇", publish_at: "2026-12-01 09:00", mode: "publish" }));
    t.c.writePost("2026-12-01-b.md", jobFair({ title: "第二篇", publish_at: "2026-12-01 09:10", mode: "publish" }));
    expect(outcomes(await t.run())).toEqual(["2026-12-01-a submitted", "2026-12-01-b held"]);
    await t.settle();
    expect(outcomes(await t.run())).toEqual(["2026-12-01-a published", "2026-12-01-b submitted"]);
    await t.settle();
    await t.run();
    expect(t.store.list("default").map((x) => [x.slug, x.issue, x.articleTitle])).toEqual([
      ["2026-12-01-a", 1, "【轮青诚聘】第1期 · 第一篇"],
      ["2026-12-01-b", 2, "【轮青诚聘】第2期 · 第二篇"],
    ]);
  });

  describe("with only (publish --post)", () => {
    it("sends a missed post now", async () => {
      t = await startPublishing();
      t.c.writePost("2026-11-20-old.md", jobFair({ publish_at: "2026-11-20 10:00" }));
      await t.run();
      expect(outcomes(await t.run("2026-11-20-old"))).toEqual(["2026-11-20-old submitted"]);
      expect(t.store.events("default", "2026-11-20-old").map((e) => e.step)).toContain("publish_now");
    });

    it("sends a future post now, retries a failed one, and refuses what cannot be sent", async () => {
      t = await startPublishing({ accountType: "service" });
      t.c.writePost("2026-12-24-xmas.md", jobFair({ publish_at: "2026-12-24 10:00", mode: "publish" }));
      expect(outcomes(await t.run("2026-12-24-xmas"))).toEqual(["2026-12-24-xmas submitted"]);
      await t.settle();
      expect(await t.run("2026-12-24-xmas")).toMatchObject({ entries: [{ outcome: "published" }] });
      expect((await t.run("2026-12-24-xmas")).entries[0]!.detail).toMatch(/^早已发布，不会重复发送：已发布：【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会（北京时间 2026-12-01 10:01） http/);

      t.c.writePost("2026-12-02-bad-image.md", jobFair({ title: "坏图", column: "news", publish_at: "2026-12-01 09:00", mode: "publish" }, "![x](https://example.org/x.jpg)"));
      expect((await t.run("2026-12-02-bad-image")).entries[0]).toMatchObject({ outcome: "failed" });
      t.c.writePost("2026-12-02-bad-image.md", jobFair({ title: "坏图", column: "news", publish_at: "2026-12-01 09:00", mode: "publish" }, "好了"));
      expect((await t.run("2026-12-02-bad-image")).entries[0]).toMatchObject({ outcome: "submitted" });

      t.c.writePost("2026-12-03-draft.md", jobFair({ column: "students", draft: "true" }));
      expect((await t.run("2026-12-03-draft")).entries[0]).toMatchObject({ outcome: "draft" });
      t.c.writePost("2026-12-03-broken.md", jobFair({ column: "students", mode: "push" }));
      expect((await t.run("2026-12-03-broken")).entries[0]).toMatchObject({ outcome: "invalid", detail: expect.stringContaining("mode: 「push」不对") });
      expect((await t.run("2026-12-03-nothing")).entries[0]).toEqual({ slug: "2026-12-03-nothing", outcome: "unknown", detail: "没有稿件 content/posts/2026-12-03-nothing.md" });
    });

    it("waits for a post of the same column that is under way", async () => {
      t = await startPublishing({ accountType: "service" });
      t.c.writePost("2026-12-01-a.md", jobFair({ mode: "publish" }));
      t.c.writePost("2026-12-09-b.md", jobFair({ title: "下周", publish_at: "2026-12-09 10:00", mode: "publish" }));
      await t.run();
      expect((await t.run("2026-12-09-b")).entries[0]).toMatchObject({ outcome: "held", detail: "同一栏目的 2026-12-01-a 还在发送中（submitted），期数要按顺序：等它完成后再试" });
    });
  });
});
