import { spawnSync } from "node:child_process";
import { hostname } from "node:os";
import { isDeadLocalOwner } from "../../src/publisher/lease-owner";
import { clientMsgId } from "../../src/publisher/client-msg-id";
import { advancePublication } from "../../src/publisher/publish-post";
import { jobFair, postText, startPublishing, type Publishing } from "./publishing-harness";

let t: Publishing;
afterEach(() => t.close());

const SLUG = "2026-12-01-job-fair";
/** A careers post due at 09:30 on 2026-12-01; the harness clock is 10:00. */
const writeJobFair = (fields: Record<string, string> = {}, body = "招聘会现场提供岗位 320 余个。\n\n![现场](images/job-fair.jpg)\n") =>
  t.c.writePost(`${SLUG}.md`, jobFair({ publish_at: "2026-12-01 09:30", ...fields }, body));

async function publishFully(slug = SLUG) {
  t.track(slug);
  const first = await t.advance(slug);
  await t.settle();
  const second = await t.advance(slug);
  return { first, second, row: t.store.find("default", slug)! };
}

describe("advancePublication", () => {
  it("mass mode: uploads, drafts, mass-sends with a clientmsgid, then records the result of mass/get", async () => {
    t = await startPublishing();
    writeJobFair();
    const { first, second, row } = await publishFully();
    expect(first).toMatchObject({ slug: SLUG, state: "submitted" });
    expect(second).toMatchObject({ state: "published" });
    expect(row).toMatchObject({
      state: "published",
      issue: 1,
      articleTitle: "【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会",
      attempts: 1,
      failureReason: null,
      clientMsgId: clientMsgId("default", SLUG, row.draftMediaId!),
    });
    expect(row.publishedAt).toEqual(t.h.clock.now());
    expect(t.store.lastIssue("default", "careers")).toBe(1);
    const seen = t.h.sandbox.inspect();
    expect(seen.drafts).toHaveLength(1);
    expect(seen.massSends).toHaveLength(1);
    expect(seen.massSends[0]).toMatchObject({ msgId: row.msgId, clientMsgId: row.clientMsgId, mediaId: row.draftMediaId, isToAll: true });
    const article = seen.drafts[0]!.articles[0] as Record<string, string>;
    expect(article.title).toBe(row.articleTitle);
    expect(article.thumb_media_id).toBe(row.coverMediaId);
    expect(article.content).toMatch(/<img src="http:\/\/mmbiz\.qpic\.cn\/sz_mmbiz_jpg\/[^"]+"/);
    expect(seen.uploads.map((u) => u.kind).sort()).toEqual(["image", "uploadimg"]);
    expect(t.store.events("default", SLUG).map((e) => e.step)).toEqual(["scheduled", "render", "draft_intent", "drafted", "submit_intent", "submitted", "published"]);
    expect(t.published.map((r) => r.slug)).toEqual([SLUG]);
  });

  it("publish mode: freepublish/submit, then freepublish/get gives the article's id and URL", async () => {
    t = await startPublishing();
    writeJobFair({ mode: "publish", comments: "fans", source_url: "https://www.xjlt.gov.cn/rsj/1201.html", digest: "本周五举办" });
    const { row } = await publishFully();
    expect(row).toMatchObject({ state: "published", issue: 1, publishId: expect.any(String), articleId: expect.any(String) });
    expect(row.articleUrl).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\//);
    const seen = t.h.sandbox.inspect();
    expect(seen.publications).toHaveLength(1);
    expect(seen.massSends).toHaveLength(0);
    expect(seen.drafts[0]!.articles[0]).toMatchObject({ digest: "本周五举办", author: "团县委", need_open_comment: 1, only_fans_can_comment: 1, content_source_url: "https://www.xjlt.gov.cn/rsj/1201.html" });
  });

  it("numbers issues per column, commits a number only on success, and honours an editor's issue", async () => {
    t = await startPublishing({ accountType: "service" });
    t.h.sandbox.configure({ publishOutcome: { status: 3, failIdx: [1] } });
    writeJobFair({ mode: "publish" });
    const failed = await publishFully();
    expect(failed.row).toMatchObject({ state: "failed", issue: 1, failureCode: "publish_status_3" });
    expect(failed.row.failureReason).toBe("微信未能发表（publish_status 3，常规失败）：请在公众号后台的草稿箱打开该草稿查看原因（第 1 篇）");
    expect(t.store.lastIssue("default", "careers")).toBe(0);

    t.h.sandbox.configure({ publishOutcome: { status: 0, failIdx: [] } });
    t.c.writePost("2026-12-01-second.md", jobFair({ title: "第二篇招聘信息", publish_at: "2026-12-01 09:40", mode: "publish" }));
    expect((await publishFully("2026-12-01-second")).row).toMatchObject({ state: "published", issue: 1 });
    t.c.writePost("2026-12-01-third.md", jobFair({ title: "第三篇", publish_at: "2026-12-01 09:50", mode: "publish", issue: "38" }));
    expect((await publishFully("2026-12-01-third")).row.issue).toBe(38);
    t.c.writePost("2026-12-01-fourth.md", jobFair({ title: "第四篇", publish_at: "2026-12-01 09:55", mode: "publish" }));
    expect((await publishFully("2026-12-01-fourth")).row.issue).toBe(39);
    t.c.writePost("2026-12-01-news.md", jobFair({ title: "新闻", column: "news", publish_at: "2026-12-01 09:55", mode: "publish" }));
    expect((await publishFully("2026-12-01-news")).row.issue).toBe(1);
  });

  it("uploads each picture once (content-hash cache) and converts webp to jpg/png", async () => {
    t = await startPublishing({ accountType: "service" });
    writeJobFair({ mode: "publish", cover: "images/jujube-orchard.webp" }, "![枣园](images/jujube-orchard.webp)\n\n![现场](images/job-fair.jpg)");
    await publishFully();
    t.c.writePost("2026-12-01-again.md", jobFair({ title: "再用一次", publish_at: "2026-12-01 09:40", mode: "publish", cover: "images/jujube-orchard.webp" }, "![枣园](images/jujube-orchard.webp)"));
    await publishFully("2026-12-01-again");
    const uploads = t.h.sandbox.inspect().uploads;
    expect(uploads.map((u) => [u.kind, u.filename, u.contentType]).sort()).toEqual([
      ["image", "jujube-orchard.jpg", "image/jpeg"],
      ["uploadimg", "job-fair.jpg", "image/jpeg"],
      ["uploadimg", "jujube-orchard.jpg", "image/jpeg"],
    ]);
  });

  it("a 订阅号 sends one 群发 a day: the second waits for tomorrow without drafting, then goes out", async () => {
    t = await startPublishing();
    writeJobFair();
    await publishFully();
    t.c.writePost("2026-12-01-second.md", jobFair({ title: "第二篇", column: "news", publish_at: "2026-12-01 09:45", mode: "mass" }));
    t.track("2026-12-01-second");
    expect(await t.advance("2026-12-01-second")).toMatchObject({ state: "waiting_quota", detail: "等待群发次数（北京时间 2026-12-02 09:45 再试）" });
    expect(t.store.find("default", "2026-12-01-second")!.failureReason).toBe("按本系统的记录，群发次数已用完（订阅号每天 1 次，服务号每月 4 次）：将在 12月2日 09:45 自动群发，无需操作");
    expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
    t.h.clock.set("2026-12-02T01:45:00Z");
    expect(await t.advance("2026-12-01-second")).toMatchObject({ state: "submitted" });
    expect(t.h.sandbox.inspect().massSends).toHaveLength(2);
  });

  it("with PUBLISH_QUOTA_FALLBACK=publish, a mass send over our own quota count goes out as 发布 at once", async () => {
    t = await startPublishing({ quotaFallback: "publish" });
    writeJobFair();
    await publishFully();
    t.c.writePost("2026-12-01-second.md", jobFair({ title: "第二篇", column: "news", publish_at: "2026-12-01 09:45" }));
    t.track("2026-12-01-second");
    expect(await t.advance("2026-12-01-second")).toMatchObject({ state: "submitted" });
    await t.settle();
    await t.advance("2026-12-01-second");
    expect(t.store.find("default", "2026-12-01-second")).toMatchObject({ state: "published", mode: "publish" });
    expect(t.h.sandbox.inspect().massSends).toHaveLength(1);
    expect(t.h.sandbox.inspect().publications).toHaveLength(1);
  });

  it("with PUBLISH_QUOTA_FALLBACK=publish, 45028 from WeChat sends the same draft as 发布, once", async () => {
    t = await startPublishing({ quotaFallback: "publish" });
    writeJobFair();
    t.track(SLUG);
    t.h.sandbox.injectError("message/mass/sendall", 45028);
    await t.advance(SLUG);
    await t.run();
    await t.settle();
    await t.run();
    const row = t.store.find("default", SLUG)!;
    expect(row).toMatchObject({ state: "published", mode: "publish" });
    expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
    expect(t.h.sandbox.inspect().publications).toHaveLength(1);
    expect(t.h.sandbox.inspect().massSends).toHaveLength(0);
  });

  it("45009 (daily API quota) is not retried in a loop: the post waits an hour, then goes out", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    t.h.sandbox.injectError("draft/add", 45009);
    const r = await t.advance(SLUG);
    const row = t.store.find("default", SLUG)!;
    expect(row.failureCode).toBe("wechat_45009");
    expect(row.nextAttemptAt!.getTime() - t.h.clock.now().getTime()).toBeGreaterThanOrEqual(3600_000);
    expect(r.state).not.toBe("failed");
    expect(t.h.sandbox.countCalls("draft/add")).toBe(1);
    await t.run();
    expect(t.h.sandbox.countCalls("draft/add")).toBe(1);
    t.h.clock.set(new Date(row.nextAttemptAt!.getTime() + 1000).toISOString());
    await t.run();
    await t.settle();
    await t.run();
    expect(t.store.find("default", SLUG)).toMatchObject({ state: "published" });
    expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
  });

  it("45028 from WeChat (a send made in the MP console): waits for the next window and sends the same draft", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    t.h.sandbox.injectError("message/mass/sendall", 45028);
    const r = await t.advance(SLUG);
    expect(r).toMatchObject({ state: "waiting_quota" });
    const row = t.store.find("default", SLUG)!;
    expect(row).toMatchObject({ failureCode: "wechat_45028", nextAttemptAt: new Date("2026-12-02T01:30:00Z") });
    expect(row.failureReason).toMatch(/^群发次数已用完（45028）/);
    t.h.clock.set("2026-12-02T01:31:00Z");
    await t.run();
    await t.settle();
    await t.run();
    expect(t.store.find("default", SLUG)).toMatchObject({ state: "published", draftMediaId: row.draftMediaId });
    expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
  });

  it("an unverified account gets 48001: the draft is kept as 草稿已建 with what to do, its 期数 taken, and nothing retries", async () => {
    t = await startPublishing({ verified: false });
    writeJobFair();
    t.track(SLUG);
    expect(await t.advance(SLUG)).toMatchObject({ state: "draft_only", detail: expect.stringContaining("该账号无发布接口权限，请在公众号后台手动发表") });
    const row = t.store.find("default", SLUG)!;
    expect(row).toMatchObject({ failureCode: "wechat_48001", nextAttemptAt: null, draftMediaId: t.h.sandbox.inspect().drafts[0]!.mediaId });
    expect(t.store.lastIssue("default", "careers")).toBe(1);
    expect(t.h.sandbox.countCalls("message/mass/sendall")).toBe(1);
    t.h.clock.advance(24 * 3600_000);
    await t.run();
    expect(t.h.sandbox.countCalls("message/mass/sendall")).toBe(1);
  });

  it("a post WeChat would not take fails before any call, listing every problem", async () => {
    t = await startPublishing();
    writeJobFair({}, "![外链](https://example.org/a.jpg)\n\n<div>居中</div>");
    t.track(SLUG);
    expect(await t.advance(SLUG)).toMatchObject({ state: "failed" });
    const row = t.store.find("default", SLUG)!;
    expect(row.failureCode).toBe("content");
    expect(row.failureReason).toMatch(/^稿件有问题，请修改后点“重试”：\n/);
    expect(row.failureReason).toContain("https://example.org/a.jpg");
    expect(t.h.sandbox.countCalls("draft/add")).toBe(0);
  });

  it("retries transient errors with backoff and gives up after 5 attempts", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    t.h.sandbox.injectError("media/uploadimg", -1, 100);
    const first = await t.advance(SLUG);
    expect(first.state).toBe("rendering");
    const row = t.store.find("default", SLUG)!;
    expect(row).toMatchObject({ failureCode: "wechat_-1", attempts: 1, nextAttemptAt: new Date(t.h.clock.now().getTime() + 60_000) });
    for (let i = 0; i < 4; i++) {
      t.h.clock.advance(3600_000);
      await t.advance(SLUG);
    }
    const last = t.store.find("default", SLUG)!;
    expect(last).toMatchObject({ state: "failed", attempts: 5 });
    expect(last.failureReason).toMatch(/^已尝试 5 次仍未成功，已停止自动重试：微信系统繁忙（-1）/);
  });

  it("a busy WeChat on the first try and success on the next: one draft, one send", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    t.h.sandbox.injectError("material/add_material", 45011);
    expect((await t.advance(SLUG)).state).toBe("rendering");
    t.h.clock.advance(61_000);
    await t.run();
    await t.settle();
    await t.run();
    expect(t.store.find("default", SLUG)).toMatchObject({ state: "published", attempts: 2 });
    expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
  });

  describe("answers lost after WeChat did the work", () => {
    it("draft/add: the next attempt finds the draft in draft/batchget instead of adding another", async () => {
      t = await startPublishing();
      writeJobFair();
      t.track(SLUG);
      t.h.sandbox.injectError("draft/add", 45011, 1, { afterProcessing: true });
      expect((await t.advance(SLUG)).state).toBe("rendering");
      const draftId = t.h.sandbox.inspect().drafts[0]!.mediaId;
      t.h.clock.advance(61_000);
      expect((await t.advance(SLUG)).state).toBe("submitted");
      expect(t.store.find("default", SLUG)!.draftMediaId).toBe(draftId);
      expect(t.store.events("default", SLUG).find((e) => e.step === "drafted")!.detail).toBe(`found after an interrupted draft/add: ${draftId}`);
      expect(t.h.sandbox.inspect().drafts).toHaveLength(1);
    });

    it("mass/sendall: the repeat with the same clientmsgid answers 45065 and the existing msg_id", async () => {
      t = await startPublishing();
      writeJobFair();
      t.track(SLUG);
      t.h.sandbox.injectError("message/mass/sendall", 45011, 1, { afterProcessing: true });
      expect((await t.advance(SLUG)).state).toBe("drafted");
      const sent = t.h.sandbox.inspect().massSends[0]!;
      // Within a minute WeChat says 45066 (too fast): wait and repeat.
      t.h.clock.advance(30_000);
      t.store.save({ ...t.store.find("default", SLUG)!, nextAttemptAt: null }, { step: "test" }, t.h.clock.now());
      await t.advance(SLUG);
      expect(t.store.find("default", SLUG)).toMatchObject({ state: "drafted", failureCode: "wechat_45066" });
      t.h.clock.advance(61_000);
      // The job is long done by then, so mass/get answers SEND_SUCCESS in the same run.
      expect((await t.advance(SLUG)).state).toBe("published");
      expect(t.store.find("default", SLUG)).toMatchObject({ msgId: sent.msgId });
      expect(t.store.events("default", SLUG).find((e) => e.step === "submitted")!.detail).toBe(`msg_id ${sent.msgId} (45065: the interrupted send had gone out)`);
      expect(t.h.sandbox.inspect().massSends).toHaveLength(1);
    });

    it("freepublish/submit: freepublish/batchget shows the publication, so it is not submitted again", async () => {
      t = await startPublishing();
      writeJobFair({ mode: "publish" });
      t.track(SLUG);
      t.h.sandbox.injectError("freepublish/submit", 45011, 1, { afterProcessing: true });
      expect((await t.advance(SLUG)).state).toBe("drafted");
      await t.settle();
      t.h.clock.advance(61_000);
      expect((await t.advance(SLUG)).state).toBe("published");
      const row = t.store.find("default", SLUG)!;
      expect(row.articleId).toBe(t.h.sandbox.inspect().publications[0]!.articleId);
      expect(t.h.sandbox.inspect().publications).toHaveLength(1);
      expect(t.store.lastIssue("default", "careers")).toBe(1);
    });

    it("freepublish/submit refused outright: waits for the job to settle, then submits again", async () => {
      t = await startPublishing();
      writeJobFair({ mode: "publish" });
      t.track(SLUG);
      t.h.sandbox.injectError("freepublish/submit", -1);
      expect((await t.advance(SLUG)).state).toBe("drafted");
      t.h.clock.advance(61_000);
      expect(await t.advance(SLUG)).toMatchObject({ state: "drafted" });
      expect(t.store.events("default", SLUG).at(-1)!.step).toBe("settling");
      t.h.clock.advance(10 * 60_000);
      expect((await t.advance(SLUG)).state).toBe("submitted");
      expect(t.h.sandbox.inspect().publications).toHaveLength(1);
      await t.settle();
      await t.advance(SLUG);
      expect(t.store.find("default", SLUG)!.state).toBe("published");
      expect(t.h.sandbox.inspect().publications).toHaveLength(1);
    });
  });

  it("keeps polling a submitted job whatever errors the polling meets", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    await t.advance(SLUG);
    t.h.sandbox.injectError("message/mass/get", 48001, 10);
    for (let i = 0; i < 7; i++) {
      t.h.clock.advance(3600_000);
      expect((await t.advance(SLUG)).state).toBe("submitted");
    }
    t.h.sandbox.clearErrors();
    t.h.clock.advance(3600_000);
    expect((await t.advance(SLUG)).state).toBe("published");
  });

  it("redrafts a post edited after its draft was made and before it was sent", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    t.h.sandbox.injectError("message/mass/sendall", 45028);
    await t.advance(SLUG);
    writeJobFair({}, "更正：招聘会改在县体育馆举办。");
    t.h.clock.set("2026-12-02T01:31:00Z");
    await t.run();
    const drafts = t.h.sandbox.inspect().drafts;
    expect(drafts).toHaveLength(2);
    expect((drafts[0]!.articles[0] as { content: string }).content).toContain("更正");
    expect(t.store.find("default", SLUG)!.draftMediaId).toBe(drafts[0]!.mediaId);
  });

  it("cancels a post whose file was removed before anything was sent", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    const advanced = await advancePublication(t.p, SLUG, undefined);
    expect(advanced).toMatchObject({ state: "cancelled", detail: "已取消：稿件文件已删除或已设为 draft: true，不再发送" });
  });

  it("leaves a post to the live process holding it, and takes it over from a dead one", async () => {
    t = await startPublishing();
    writeJobFair();
    t.track(SLUG);
    const now = t.h.clock.now();
    const later = new Date(now.getTime() + 60_000);
    t.store.claim("default", SLUG, `${hostname()}:${process.pid}:live`, later, now);
    // This process's own pid counts as alive (and as another holder: its nonce differs).
    expect(await t.advance(SLUG)).toMatchObject({ state: "busy" });
    const dead = spawnSync(process.execPath, ["-e", ""]).pid!;
    t.store.release("default", SLUG, `${hostname()}:${process.pid}:live`);
    t.store.claim("default", SLUG, `${hostname()}:${dead}:gone`, later, now);
    expect(isDeadLocalOwner(`${hostname()}:${dead}:gone`)).toBe(true);
    expect(isDeadLocalOwner(`other-host:${dead}:x`)).toBe(false);
    expect((await t.advance(SLUG)).state).toBe("submitted");
  });

  it("reports an unknown slug", async () => {
    t = await startPublishing();
    t.c.writePost("2026-12-01-x.md", postText({ title: "x", column: "news", publish_at: "2026-12-01 09:00" }));
    expect(await advancePublication(t.p, "2026-12-01-x", t.post("2026-12-01-x"))).toEqual({ slug: "2026-12-01-x", state: "unknown", detail: "not in the ledger" });
  });
});
