import { buildTestDeps, listen, TEST_ACCOUNT } from "../helpers/build-test-deps";
import { createApp } from "../../src/http/create-app";
import { createPublicationStore } from "../../src/db/stores/publication-store";
import { followJobResult } from "../../src/publisher/job-events";
import { createArticleCatalog } from "../../src/publisher/article-catalog";
import { inbound } from "../helpers/inbound";
import { openDatabase } from "../../src/db/open-database";
import { captureLog } from "../sandbox/harness";
import { fixedClock } from "../../src/time";
import type { InboundMessage } from "../../src/wechat/types";
import { jobFair, startPublishing, type Publishing } from "./publishing-harness";

const NOW = new Date("2026-12-01T02:00:00Z");

function ledger() {
  const db = openDatabase(":memory:");
  const store = createPublicationStore(db);
  const clock = fixedClock(NOW);
  const published: string[] = [];
  const sink = { store, clock, log: captureLog().log, onPublished: (r: { slug: string }) => void published.push(r.slug) };
  const handle = (accountId: string, message: InboundMessage) => followJobResult(sink, accountId, message);
  const submitted = (slug: string, ids: { publishId?: string; msgId?: string }) => {
    const row = store.insert({ accountId: "default", slug, columnId: "careers", mode: ids.msgId ? "mass" : "publish", postTitle: "招聘会", scheduledAt: NOW }, { step: "scheduled" }, NOW)!;
    return store.save({ ...row, state: "submitted", issue: 3, articleTitle: "【轮青诚聘】第3期 · 招聘会", publishId: ids.publishId ?? null, msgId: ids.msgId ?? null, submittedAt: NOW }, { step: "submitted" }, NOW)!;
  };
  return { db, store, handle, published, submitted };
}

const base = { accountOriginalId: "gh_x", openId: "mphelper", createdAt: NOW, dedupKey: "k" };
const publishEvent = (o: Partial<Extract<InboundMessage, { type: "publish_finished" }>>): InboundMessage => ({
  ...base, type: "publish_finished", publishId: "2247500001", publishStatus: 0, articleId: "ART_1", articleUrls: ["http://mp.weixin.qq.com/s/abc"], failIdx: [], ...o,
});
const massEvent = (o: Partial<Extract<InboundMessage, { type: "mass_send_finished" }>>): InboundMessage => ({
  ...base, type: "mass_send_finished", msgId: "3147480001", status: "send success", totalCount: 100, filterCount: 100, sentCount: 98, errorCount: 2, articleUrls: ["http://mp.weixin.qq.com/s/m"], ...o,
});

describe("createJobEventHandler", () => {
  it("PUBLISHJOBFINISH success publishes the row, commits its issue and keeps the article's id and URL", () => {
    const l = ledger();
    l.submitted("a", { publishId: "2247500001" });
    l.handle("default", publishEvent({}));
    expect(l.store.find("default", "a")).toMatchObject({ state: "published", articleId: "ART_1", articleUrl: "http://mp.weixin.qq.com/s/abc", publishedAt: NOW });
    expect(l.store.lastIssue("default", "careers")).toBe(3);
    expect(l.published).toEqual(["a"]);
    // WeChat retries and duplicate events change nothing.
    l.handle("default", publishEvent({}));
    expect(l.store.events("default", "a").filter((e) => e.step === "published")).toHaveLength(1);
  });

  it("PUBLISHJOBFINISH failure fails the row with the reason; publishing is still pending on status 1", () => {
    const l = ledger();
    l.submitted("a", { publishId: "2247500001" });
    l.handle("default", publishEvent({ publishStatus: 1 }));
    expect(l.store.find("default", "a")!.state).toBe("submitted");
    l.handle("default", publishEvent({ publishStatus: 4, failIdx: [1] }));
    expect(l.store.find("default", "a")).toMatchObject({ state: "failed", failureCode: "publish_status_4", failureReason: "平台审核不通过（publish_status 4）：请修改内容后点“重试”（第 1 篇）" });
    expect(l.store.lastIssue("default", "careers")).toBe(0);
  });

  it("MASSSENDJOBFINISH fills in the URL and reach even after mass/get already published the row", () => {
    const l = ledger();
    const row = l.submitted("m", { msgId: "3147480001" });
    l.store.savePublished({ ...row, state: "published", publishedAt: NOW }, { step: "published" }, NOW);
    l.handle("default", massEvent({}));
    expect(l.store.find("default", "m")).toMatchObject({ state: "published", articleUrl: "http://mp.weixin.qq.com/s/m", sentCount: 98, errorCount: 2 });
  });

  it("MASSSENDJOBFINISH err(n) fails the row with WeChat's reason", () => {
    const l = ledger();
    l.submitted("m", { msgId: "3147480001" });
    l.handle("default", massEvent({ status: "err(20013)" }));
    expect(l.store.find("default", "m")).toMatchObject({ state: "failed", failureCode: "mass_err_20013_", failureReason: "微信审核拦截了群发（err(20013)，涉嫌版权）：请修改内容后点“重试”" });
  });

  it("ignores events of jobs it does not know and messages that are not job events", () => {
    const l = ledger();
    l.handle("default", publishEvent({ publishId: "999" }));
    l.handle("default", massEvent({ msgId: "999" }));
    l.handle("default", inbound.text("诚聘"));
    expect(l.store.list("default")).toEqual([]);
  });
});

describe("job events through the webhook (sandbox → /wechat → deps.onJobEvent → ledger → bot catalog)", () => {
  let t: Publishing;
  afterEach(() => t.close());

  it("a mass send is recorded published by MASSSENDJOBFINISH, with its URL, before any polling", async () => {
    const { deps } = buildTestDeps({}, { clock: fixedClock(NOW) });
    const server = await listen(createApp(deps));
    try {
      t = await startPublishing({
        // Long enough that the job never ends between sendall and the mass/get right after it (a busy machine).
        jobDelayMs: 400,
        ledgerDb: deps.db,
        callback: { url: `${server.url}/wechat`, token: TEST_ACCOUNT.token, encryptMode: "plain", originalId: TEST_ACCOUNT.originalId },
      });
      t.h.clock.set(NOW);
      t.c.writePost("2026-12-01-job-fair.md", jobFair({ publish_at: "2026-12-01 09:30" }));
      await t.run();
      expect(t.store.find("default", "2026-12-01-job-fair")!.state).toBe("submitted");
      await t.settle();
      const row = t.store.find("default", "2026-12-01-job-fair")!;
      expect(row).toMatchObject({ state: "published", issue: 1, sentCount: expect.any(Number) });
      expect(row.articleUrl).toMatch(/^http:\/\/mp\.weixin\.qq\.com\/s\//);
      expect(t.store.events("default", row.slug).at(-1)).toMatchObject({ step: "published", detail: "MASSSENDJOBFINISH; issue 1" });
      expect(deps.catalog.latestArticles("default", "careers", 3)).toEqual([
        { title: "【轮青诚聘】第1期 · 轮台县2026年冬季青年就业招聘会", digest: row.digest, url: row.articleUrl, coverUrl: row.coverUrl, publishedAt: NOW, issue: 1 },
      ]);
    } finally {
      await server.close();
    }
  });
});

describe("createArticleCatalog", () => {
  it("lists published articles with a URL per column, newest first, from a snapshot refreshed after ttl or invalidate()", () => {
    const l = ledger();
    const clock = fixedClock(NOW);
    const catalog = createArticleCatalog(l.store, clock, 5000);
    expect(catalog.latestArticles("default", "careers", 3)).toEqual([]);
    for (const [slug, day, url] of [["a", 1, "http://mp.weixin.qq.com/s/a"], ["b", 2, "http://mp.weixin.qq.com/s/b"], ["c", 3, null]] as const) {
      const r = l.submitted(slug, { msgId: slug });
      const at = new Date(Date.UTC(2026, 10, day));
      l.store.savePublished({ ...r, state: "published", publishedAt: at, articleUrl: url, digest: `摘要${slug}`, coverUrl: "http://mmbiz.qpic.cn/c" }, { step: "published" }, at);
    }
    expect(catalog.latestArticles("default", "careers", 3)).toEqual([]);
    clock.advance(5000);
    expect(catalog.latestArticles("default", "careers", 3).map((a) => a.url)).toEqual(["http://mp.weixin.qq.com/s/b", "http://mp.weixin.qq.com/s/a"]);
    expect(catalog.latestArticles("default", "careers", 1)).toEqual([
      { title: "【轮青诚聘】第3期 · 招聘会", digest: "摘要b", url: "http://mp.weixin.qq.com/s/b", coverUrl: "http://mmbiz.qpic.cn/c", publishedAt: new Date(Date.UTC(2026, 10, 2)), issue: 3 },
    ]);
    expect(catalog.latestArticles("default", "news", 3)).toEqual([]);
    const r = l.submitted("d", { msgId: "d" });
    l.store.savePublished({ ...r, state: "published", publishedAt: NOW, articleUrl: "http://mp.weixin.qq.com/s/d" }, { step: "published" }, NOW);
    catalog.invalidate();
    expect(catalog.latestArticles("default", "careers", 1)[0]!.url).toBe("http://mp.weixin.qq.com/s/d");
  });
});
