/**
 * The stats refresh against the simulator (issue 14, "Stats that keep working"): the 2025 datacube
 * endpoints with their wire shapes, the fallback to the old ones, the per-account pace, and what
 * the 文章 and 概览 pages then show.
 */
import { createLogger } from "../../src/logger";
import { presentArticles } from "../../src/dashboard/presenters/present-articles";
import { presentOverview } from "../../src/dashboard/presenters/present-overview";
import { refreshStats, type RefreshStatsDeps } from "../../src/stats/refresh-stats";
import { SOURCE_NEW, SOURCE_OLD } from "../../src/stats/article-figures";
import { createStatsStores, type StatsStores } from "../../src/stats/stats-stores";
import type { StatsContext } from "../../src/stats/stats-context";
import { SANDBOX_DATACUBE_PER_MINUTE } from "../../src/sandbox/stats-endpoints";
import { makeDraft, startHarness, type Harness } from "./harness";

const silent = createLogger({ level: "silent" });

let h: Harness;
afterEach(() => h.close());

function refresh(stores: StatsStores, extra: Partial<RefreshStatsDeps> = {}) {
  return refreshStats({
    wechat: h.client,
    stores,
    clock: h.clock,
    log: silent,
    accountId: "default",
    timezone: "Asia/Shanghai",
    backfillDays: 14,
    sleep: async (ms) => void h.clock.advance(ms),
    ...extra,
  });
}

const ctxOf = (stores: StatsStores): StatsContext => ({ stores, clock: h.clock, accountId: "default", accountName: "青春轮台", timezone: "Asia/Shanghai", columns: [] });

/** A 发布 on 11-24 (not pushed) and a 群发 on 11-27, as the publisher makes them. */
async function twoPublications(): Promise<{ published: string; massDataId: string }> {
  h.clock.set("2026-11-24T02:00:00Z");
  const job = await h.client.freepublish.submit(await makeDraft(h.client, "团县委开展青年志愿服务活动"));
  await h.sandbox.idle();
  await h.client.freepublish.get(job.publishId);
  h.clock.set("2026-11-27T02:00:00Z");
  const sent = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(h.client, "轮台县2026年秋季青年就业招聘会") } });
  await h.sandbox.idle();
  h.clock.set("2026-12-01T02:00:00Z"); // 10:00 Beijing
  return { published: job.msgDataId!, massDataId: sent.msgDataId! };
}

describe("the 2025 datacube endpoints in the simulator", () => {
  it("answer in WeChat's shapes: is_delay, publish_type, detail_list, read_user_source", async () => {
    h = await startHarness();
    const { published, massDataId } = await twoPublications();
    const detail = await h.client.datacube.getArticleTotalDetail({ beginDate: "2026-11-24", endDate: "2026-11-24" });
    expect(detail.isDelay).toBe(false);
    expect(detail.rows).toEqual([
      expect.objectContaining({ msgId: `${published}_1`, publishType: 1, title: "团县委开展青年志愿服务活动", refDate: "2026-11-24", contentUrl: expect.stringMatching(/^http:\/\/mp\.weixin\.qq\.com\/s\?/) }),
    ]);
    expect(detail.rows[0]!.details.map((d) => d.statDate)).toEqual(["2026-11-24", "2026-11-25", "2026-11-26", "2026-11-27", "2026-11-28", "2026-11-29", "2026-11-30"]);
    const reads = await h.client.datacube.getArticleRead({ beginDate: "2026-11-28", endDate: "2026-11-28" });
    const mass = reads.rows.find((r) => r.msgDataId === massDataId)!;
    expect(mass.readSources[0]).toEqual({ scene: "全部", userCount: mass.readUser });
    expect(mass.readSources.slice(1).reduce((n, s) => n + s.userCount, 0)).toBe(mass.readUser);
    // The new figures agree with the old ones for a mass send (same readers, same day).
    const old = await h.client.datacube.getArticleSummary({ beginDate: "2026-11-28", endDate: "2026-11-28" });
    expect(old.find((r) => r.msgDataId === massDataId)!.intPageReadUser).toBe(mass.readUser);
    // One day per call; getbizsummary takes 30 (61501 beyond).
    await expect(h.client.datacube.getArticleRead({ beginDate: "2026-11-27", endDate: "2026-11-28" })).rejects.toMatchObject({ errcode: 61501 });
    await expect(h.client.datacube.getBizSummary({ beginDate: "2026-11-01", endDate: "2026-11-30" })).resolves.toMatchObject({ rows: expect.any(Array) });
    await expect(h.client.datacube.getBizSummary({ beginDate: "2026-10-31", endDate: "2026-11-30" })).rejects.toMatchObject({ errcode: 61501 });
    // Before 10:00 yesterday's figures are still being computed.
    h.clock.set("2026-12-01T00:40:00Z");
    expect((await h.client.datacube.getArticleShare({ beginDate: "2026-11-30", endDate: "2026-11-30" })).isDelay).toBe(true);
    expect((await h.client.datacube.getArticleShare({ beginDate: "2026-11-29", endDate: "2026-11-29" })).isDelay).toBe(false);
  });

});

describe("文章 and 概览 after a refresh", () => {
  it("lists both articles after two publications (a 发布 and a 群发), and names the new endpoints as the source", async () => {
    h = await startHarness();
    const { published, massDataId } = await twoPublications();
    const stores = createStatsStores(h.db);
    const result = await refresh(stores);
    expect(result.articleSource).toBe("new");
    expect(result.sources.every((s) => s.status === "ok")).toBe(true);
    const page = presentArticles(ctxOf(stores), { from: "2026-11-24", to: "2026-11-30" });
    expect(page.notices.map((n) => n.text)).toContain(SOURCE_NEW);
    const rows = page.tables.find((t) => t.id === "articles")!.rows;
    expect(rows.map((r) => [r["title"], r["publishType"], r["publishDate"]]).sort()).toEqual([
      ["团县委开展青年志愿服务活动", "发布（未通知）", "2026-11-24"],
      ["轮台县2026年秋季青年就业招聘会", "群发（已通知）", "2026-11-27"],
    ]);
    for (const r of rows) expect(r["readUser"]).toEqual(expect.any(Number));
    expect(stores.articles.articlesBetween("default", "2026-11-24", "2026-11-30").map((a) => a.msgDataId).sort()).toEqual([published, massDataId].sort());

    const overview = presentOverview(ctxOf(stores), { from: "2026-11-24", to: "2026-11-30" });
    const reads = overview.kpis.find((k) => k.label === "阅读人数")!;
    const expected = stores.articles.dailyReaders("default", "2026-11-24", "2026-11-30").reduce((n, d) => n + d.readUser, 0);
    expect(expected).toBeGreaterThan(0);
    expect(reads.value).toBe(expected.toLocaleString("en-US"));
    expect(reads.hint).toContain("新接口");
  });

  it("falls back to the old endpoints when getarticleread answers 48001, and says so", async () => {
    h = await startHarness();
    const { massDataId } = await twoPublications();
    h.sandbox.injectError("datacube/getarticleread", 48001, 5);
    const stores = createStatsStores(h.db);
    const result = await refresh(stores);
    expect(result.articleSource).toBe("old");
    expect(h.sandbox.countCalls("datacube/getarticleread")).toBe(1);
    expect(h.sandbox.countCalls("datacube/getarticletotaldetail")).toBe(0);
    const page = presentArticles(ctxOf(stores), { from: "2026-11-24", to: "2026-11-30" });
    expect(page.notices.map((n) => n.text)).toContain(SOURCE_OLD);
    // The old endpoints see the mass send only: the 发布 has no figures there.
    expect(page.tables.find((t) => t.id === "articles")!.rows.map((r) => r["title"])).toEqual(["轮台县2026年秋季青年就业招聘会"]);
    expect(stores.snapshots.articleTotals("default", "2026-11-27", "2026-11-30")[0]).toMatchObject({ msgDataId: massDataId });
    const sync = presentOverview(ctxOf(stores), { from: "2026-11-24", to: "2026-11-30" }).tables.find((t) => t.id === "sync")!;
    expect(sync.rows.find((r) => String(r["source"]).startsWith("图文阅读与分享"))).toMatchObject({
      status: "不可用",
      detail: "公众号未认证或没有该接口的权限（errcode 48001），改用旧接口（已停止维护）",
    });
    expect(presentOverview(ctxOf(stores), { from: "2026-11-24", to: "2026-11-30" }).kpis.find((k) => k.label === "阅读次数")?.hint).toContain("旧接口");
  });
});

describe("WeChat's per-account limits", () => {
  it("a first backfill of 60 days stays under the minute quota by pacing, and reports progress", async () => {
    h = await startHarness();
    await twoPublications();
    const stores = createStatsStores(h.db);
    const progress: string[] = [];
    const result = await refresh(stores, { backfillDays: 60, progress: (p) => progress.push(`${p.source} ${p.done}/${p.total}`) });
    expect(result.sources.every((s) => s.status === "ok")).toBe(true);
    expect(h.sandbox.countCalls()).toBeGreaterThan(SANDBOX_DATACUBE_PER_MINUTE); // more than a minute's quota in all
    expect(progress).toContain("article_reads 60/60");
    expect(progress).toContain("article_details 60/60");
  });

  it("a client that does not pace meets 45011, stops calling for the account, and resumes next run", async () => {
    h = await startHarness();
    await twoPublications();
    const stores = createStatsStores(h.db);
    const result = await refresh(stores, { backfillDays: 60, callsPerMinute: 1000 });
    const stopped = result.sources.find((s) => s.status === "error")!;
    expect(stopped.detail).toBe("已达微信接口调用上限（errcode 45011），下次同步时继续");
    // A minute's quota, the refused call, then no datacube call at all.
    const datacubeCalls = () =>
      ["getusersummary", "getusercumulate", "getarticleread", "getarticleshare", "getbizsummary", "getarticletotaldetail", "getarticlesummary", "getarticletotal"]
        .map((e) => h.sandbox.countCalls(`datacube/${e}`))
        .reduce((a, n) => a + n, 0);
    expect(datacubeCalls()).toBe(SANDBOX_DATACUBE_PER_MINUTE + 1);
    h.clock.advance(60_000);
    const next = await refresh(stores, { backfillDays: 60 });
    expect(next.sources.every((s) => s.status === "ok")).toBe(true);
    expect(stores.sync.get("default", "article_details")?.syncedThrough).toBe("2026-11-30");
  });
});
