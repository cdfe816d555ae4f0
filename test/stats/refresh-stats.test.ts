import { WeChatApiError } from "../../src/errors";
import { refreshStats, UNAVAILABLE_DETAIL, type RefreshStatsDeps } from "../../src/stats/refresh-stats";
import { daysBetween, eachDay } from "../../src/stats/dates";
import { readFollowers, NOTE_UNVERIFIED } from "../../src/stats/read-followers";
import { readMessageDays } from "../../src/stats/read-message-days";
import { DATACUBE_MAX_DAYS, type DateRange } from "../../src/wechat/endpoints/datacube";
import { createLogger } from "../../src/logger";
import { createStatsStores } from "../../src/stats/stats-stores";
import { startHarness, makeDraft, type Harness } from "../sandbox/harness";
import { statsWorld, type StatsWorld } from "./stats-fixture";

const MAX_SPAN: Record<string, number> = { ...DATACUBE_MAX_DAYS };

interface Call {
  endpoint: string;
  range: DateRange;
}

/**
 * datacube as WeChat answers it (protocol §5.8): refuses spans over the limit (61501), has data
 * only up to `readyThrough`, one summary row per (date, source), one mass send a day.
 */
function fakeWechat(options: { readyThrough: string; fail?: (endpoint: string, range: DateRange) => number | Error | undefined; delayedFrom?: string }) {
  const calls: Call[] = [];
  const answer = <T>(endpoint: string, range: DateRange, rows: (date: string) => T[]): Promise<T[]> => {
    calls.push({ endpoint, range });
    const failure = options.fail?.(endpoint, range);
    if (failure instanceof Error) return Promise.reject(failure);
    if (failure !== undefined) return Promise.reject(new WeChatApiError(`/datacube/${endpoint}`, failure, `errcode ${failure} rid: 6569-test`));
    if (daysBetween(range.beginDate, range.endDate) >= MAX_SPAN[endpoint]!) {
      return Promise.reject(new WeChatApiError(`/datacube/${endpoint}`, 61501, "date range error"));
    }
    return Promise.resolve(eachDay(range.beginDate, range.endDate).filter((d) => d <= options.readyThrough).flatMap(rows));
  };
  const delayed = <T>(endpoint: string, range: DateRange, rows: (date: string) => T[]) =>
    answer(endpoint, range, rows).then((list) => ({ rows: list, isDelay: options.delayedFrom !== undefined && range.endDate >= options.delayedFrom }));
  const counters = { intPageReadUser: 40, intPageReadCount: 52, oriPageReadUser: 1, oriPageReadCount: 1, shareUser: 3, shareCount: 4, addToFavUser: 1, addToFavCount: 1 };
  const day = (d: string) => Number(d.replace(/-/g, "")) % 1000;
  const wechat: RefreshStatsDeps["wechat"] = {
    datacube: {
      getUserSummary: (r) =>
        answer("getusersummary", r, (d) => [
          { refDate: d, userSource: 0, newUser: 2, cancelUser: 1 },
          { refDate: d, userSource: 30, newUser: 3, cancelUser: 0 },
        ]),
      getUserCumulate: (r) => answer("getusercumulate", r, (d) => [{ refDate: d, cumulateUser: 1000 + day(d) }]),
      getArticleSummary: (r) =>
        answer("getarticlesummary", r, (d) => [{ refDate: d, msgId: `${day(d)}00_1`, msgDataId: `${day(d)}00`, articleIdx: 1, title: `文章 ${d}`, ...counters }]),
      getArticleTotal: (r) =>
        answer("getarticletotal", r, (d) => [
          {
            refDate: d,
            msgId: `${day(d)}00_1`,
            msgDataId: `${day(d)}00`,
            articleIdx: 1,
            title: `文章 ${d}`,
            details: [{ statDate: d, targetUser: 900, ...counters }],
          },
        ]),
      // The 2025 family, shaped as datacube.ts returns it (one article a day, published that day).
      getArticleRead: (r) =>
        delayed("getarticleread", r, (d) => [{ refDate: d, msgId: `${day(d)}00_1`, msgDataId: `${day(d)}00`, articleIdx: 1, readUser: 40, readSources: [{ scene: "全部", userCount: 40 }] }]),
      getArticleShare: (r) => delayed("getarticleshare", r, (d) => [{ refDate: d, msgId: `${day(d)}00_1`, msgDataId: `${day(d)}00`, articleIdx: 1, shareUser: 3 }]),
      getBizSummary: (r) =>
        delayed("getbizsummary", r, (d) => [
          { refDate: d, readUser: 40, shareUser: 3, zaikanUser: 1, likeUser: 2, commentCount: 0, collectionUser: 1, redirectOriPageUser: 1, sendPageCount: 1 },
        ]),
      getArticleTotalDetail: (r) =>
        delayed("getarticletotaldetail", r, (d) => [
          {
            refDate: d,
            msgId: `${day(d)}00_1`,
            msgDataId: `${day(d)}00`,
            articleIdx: 1,
            publishType: 1,
            title: `文章 ${d}`,
            contentUrl: `http://mp.weixin.qq.com/s?__biz=MzA5&mid=${day(d)}00&idx=1`,
            details: [
              {
                statDate: d,
                readUser: 40,
                shareUser: 3,
                zaikanUser: 1,
                likeUser: 2,
                commentCount: 0,
                collectionUser: 1,
                readSubscribeUser: 0,
                readDeliveryRate: null,
                readFinishRate: 0.4,
                readAvgActivetime: 1.5,
              },
            ],
          },
        ]),
    },
    user: {
      updateRemark: async () => undefined,
      get: async () => {
        calls.push({ endpoint: "user/get", range: { beginDate: "", endDate: "" } });
        const failure = options.fail?.("user/get", { beginDate: "", endDate: "" });
        if (typeof failure === "number") throw new WeChatApiError("/cgi-bin/user/get", failure, "api unauthorized");
        return { total: 1234, count: 0, openIds: [], nextOpenId: undefined };
      },
    },
  };
  return { wechat, calls };
}

const silent = createLogger({ level: "silent" });

function refresh(w: StatsWorld, wechat: RefreshStatsDeps["wechat"], extra: Partial<RefreshStatsDeps> = {}) {
  // The pace's waits move the fixed clock instead of sleeping.
  const sleep = async (ms: number) => void w.clock.advance(ms);
  return refreshStats({ wechat, stores: w.stores, clock: w.clock, log: silent, accountId: "default", timezone: "Asia/Shanghai", backfillDays: 30, sleep, ...extra });
}

const count = (w: StatsWorld, table: string) => (w.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const SOURCES_OK = ["followers", "article_reads", "biz_summary", "article_details", "follower_count"];

describe("refreshStats (datacube → snapshots)", () => {
  it("backfills 30 days up to yesterday in spans WeChat accepts, article figures from the 2025 endpoints", async () => {
    const w = statsWorld(); // 2026-12-02 10:00 Beijing
    const { wechat, calls } = fakeWechat({ readyThrough: "2026-12-01" });
    const result = await refresh(w, wechat);
    expect(result.articleSource).toBe("new");
    expect(result.sources.map((s) => [s.source, s.status, s.syncedThrough])).toEqual([
      ["followers", "ok", "2026-12-01"],
      ["article_reads", "ok", "2026-12-01"],
      ["biz_summary", "ok", "2026-12-01"],
      ["article_details", "ok", "2026-12-01"],
      ["follower_count", "ok", "2026-12-02"],
    ]);
    for (const c of calls.filter((x) => x.endpoint !== "user/get")) {
      expect(daysBetween(c.range.beginDate, c.range.endDate)).toBeLessThan(MAX_SPAN[c.endpoint]!);
      expect(c.range.endDate <= "2026-12-01").toBe(true);
    }
    expect(calls.filter((c) => c.endpoint === "getusersummary")).toHaveLength(5); // 30 days in 7-day spans
    expect(calls.filter((c) => c.endpoint === "getarticleread")).toHaveLength(30);
    expect(calls.filter((c) => c.endpoint === "getbizsummary")).toHaveLength(1); // 30 days in one call
    expect(calls.filter((c) => /^getarticle(summary|total)$/.test(c.endpoint))).toHaveLength(0); // the old ones are not asked
    expect(calls[0]!.range.beginDate).toBe("2026-11-02");
    expect(count(w, "stats_follower_days")).toBe(30);
    expect(count(w, "stats_article_reads")).toBe(30);
    expect(count(w, "stats_article_details")).toBe(30);
    expect(w.stores.snapshots.followerDays("default", "2026-11-30", "2026-11-30")).toEqual([
      { date: "2026-11-30", newUser: 5, cancelUser: 1, cumulateUser: 1130 },
    ]);
    expect(w.stores.articles.articlesBetween("default", "2026-11-30", "2026-11-30")[0]).toMatchObject({
      msgId: "13000_1",
      readUser: 40,
      shareUser: 3,
      detail: { title: "文章 2026-11-30", publishType: 1, publishDate: "2026-11-30", likeUser: 2 },
    });
  });

  it("reruns without duplicates, refetching the last days and the publish dates of the last 30 days", async () => {
    const w = statsWorld();
    const { wechat, calls } = fakeWechat({ readyThrough: "2026-12-01" });
    await refresh(w, wechat);
    const tables = ["stats_follower_days", "stats_follower_sources", "stats_article_reads", "stats_biz_days", "stats_article_details"];
    const before = tables.map((t) => count(w, t));
    calls.length = 0;
    await refresh(w, wechat);
    expect(tables.map((t) => count(w, t))).toEqual(before);
    expect(calls.map((c) => `${c.endpoint} ${c.range.beginDate}`)).toEqual([
      "getusersummary 2026-11-30",
      "getusercumulate 2026-11-30",
      "getarticleread 2026-11-30",
      "getarticleshare 2026-11-30",
      "getarticleread 2026-12-01",
      "getarticleshare 2026-12-01",
      "getbizsummary 2026-11-30",
      "getarticletotaldetail 2026-12-01",
      // An article keeps growing for 30 days after it is published: its publish date is asked again.
      ...eachDay("2026-11-02", "2026-11-30").map((d) => `getarticletotaldetail ${d}`),
      "user/get ",
    ]);
  });

  it("fills a gap of several days from the last stored day", async () => {
    const w = statsWorld();
    const first = fakeWechat({ readyThrough: "2026-12-01" });
    await refresh(w, first.wechat);
    w.clock.set("2026-12-07T02:00:00Z"); // the server was down: next run on 2026-12-07
    const later = fakeWechat({ readyThrough: "2026-12-06" });
    await refresh(w, later.wechat);
    expect(later.calls.filter((c) => c.endpoint === "getarticleread").map((c) => c.range.beginDate)).toEqual(eachDay("2026-12-02", "2026-12-06"));
    expect(later.calls.find((c) => c.endpoint === "getusersummary")!.range).toEqual({ beginDate: "2026-12-02", endDate: "2026-12-06" });
    expect(w.stores.snapshots.followerDays("default", "2026-11-02", "2026-12-06")).toHaveLength(35);
  });

  it("stops the follower watermark where WeChat has no data yet (08:30 empty answers), and fills it later", async () => {
    const w = statsWorld("2026-12-02T00:40:00Z"); // 08:40: yesterday not ready yet
    const early = fakeWechat({ readyThrough: "2026-11-30" });
    const result = await refresh(w, early.wechat);
    const followers = result.sources.find((s) => s.source === "followers")!;
    expect(followers).toMatchObject({ status: "ok", syncedThrough: "2026-11-30", detail: "微信尚未提供 2026-12-01 的数据" });
    w.clock.set("2026-12-02T02:30:00Z"); // the 10:30 retry
    await refresh(w, fakeWechat({ readyThrough: "2026-12-01" }).wechat);
    expect(w.stores.sync.get("default", "followers")?.syncedThrough).toBe("2026-12-01");
    expect(w.stores.snapshots.cumulateOn("default", "2026-12-01")).toEqual({ date: "2026-12-01", cumulateUser: 1201 });
  });

  it("keeps a day WeChat marks is_delay open: stored, but asked again next run", async () => {
    const w = statsWorld("2026-12-02T00:40:00Z"); // 08:40
    const early = fakeWechat({ readyThrough: "2026-12-01", delayedFrom: "2026-12-01" });
    const result = await refresh(w, early.wechat);
    expect(result.sources.find((s) => s.source === "article_reads")).toMatchObject({
      status: "ok",
      syncedThrough: "2026-11-30",
      detail: "微信仍在计算 2026-12-01 起的数据（is_delay），下次同步时再取",
    });
    expect(w.db.prepare("SELECT is_delay FROM stats_article_reads WHERE ref_date = '2026-12-01'").get()).toEqual({ is_delay: 1 });
    w.clock.set("2026-12-02T02:40:00Z"); // 10:40
    const later = fakeWechat({ readyThrough: "2026-12-01" });
    await refresh(w, later.wechat);
    expect(later.calls.filter((c) => c.endpoint === "getarticleread").map((c) => c.range.beginDate)).toEqual(["2026-11-30", "2026-12-01"]);
    expect(w.db.prepare("SELECT is_delay FROM stats_article_reads WHERE ref_date = '2026-12-01'").get()).toEqual({ is_delay: 0 });
  });

  it("records 48001 on the user figures as unavailable for every datacube source after one call", async () => {
    const w = statsWorld();
    const { wechat, calls } = fakeWechat({ readyThrough: "2026-12-01", fail: () => 48001 });
    const result = await refresh(w, wechat);
    expect(result.articleSource).toBe("none");
    expect(result.sources.map((s) => s.status)).toEqual(Array(SOURCES_OK.length + 2).fill("unavailable"));
    expect(calls.filter((c) => c.endpoint.startsWith("get"))).toHaveLength(1);
    const state = w.stores.sync.get("default", "article_reads")!;
    expect(state).toMatchObject({ status: "unavailable", errcode: 48001, syncedThrough: null });
    expect(state.detail).toContain(UNAVAILABLE_DETAIL);
    const series = readFollowers(w.ctx, "2026-11-25", "2026-12-01", readMessageDays(w.ctx, "2026-11-25", "2026-12-01"));
    expect(series).toMatchObject({ source: "logs", note: NOTE_UNVERIFIED });
  });

  it.each([
    [48001, "公众号未认证或没有该接口的权限（errcode 48001），改用旧接口（已停止维护）"],
    [40066, "微信不认识该接口（errcode 40066），改用旧接口（已停止维护）"],
  ])("falls back to getarticlesummary / getarticletotal when the new endpoints answer %i", async (errcode, detail) => {
    const w = statsWorld();
    const { wechat, calls } = fakeWechat({ readyThrough: "2026-12-01", fail: (endpoint) => (/^getarticle(read|share)$|^getbizsummary$|^getarticletotaldetail$/.test(endpoint) ? errcode : undefined) });
    const result = await refresh(w, wechat);
    expect(result.articleSource).toBe("old");
    expect(result.sources.map((s) => [s.source, s.status])).toEqual([
      ["followers", "ok"],
      ["article_reads", "unavailable"],
      ["biz_summary", "unavailable"],
      ["article_details", "unavailable"],
      ["articles", "ok"],
      ["article_totals", "ok"],
      ["follower_count", "ok"],
    ]);
    expect(result.sources.find((s) => s.source === "article_reads")!.detail).toBe(detail);
    expect(calls.filter((c) => c.endpoint === "getarticleread")).toHaveLength(1); // one answer is enough
    expect(calls.filter((c) => c.endpoint === "getarticlesummary")).toHaveLength(30);
    expect(count(w, "stats_article_days")).toBe(30);
  });

  it("does not fall back on a transient error: keeps what it got and resumes there next run", async () => {
    const w = statsWorld();
    const failing = fakeWechat({
      readyThrough: "2026-12-01",
      fail: (endpoint, r) => (endpoint === "getarticleread" && r.beginDate === "2026-11-20" ? new Error("fetch failed: ECONNRESET") : undefined),
    });
    const result = await refresh(w, failing.wechat);
    expect(result.sources.find((s) => s.source === "article_reads")).toMatchObject({
      status: "error",
      syncedThrough: "2026-11-19",
      detail: "网络或系统错误：fetch failed: ECONNRESET，下次同步时重试",
    });
    expect(failing.calls.filter((c) => c.endpoint === "getarticlesummary")).toHaveLength(0);
    // The other sources were not held up.
    expect(result.sources.find((s) => s.source === "article_details")).toMatchObject({ status: "ok", syncedThrough: "2026-12-01" });
    const retry = fakeWechat({ readyThrough: "2026-12-01" });
    await refresh(w, retry.wechat);
    expect(retry.calls.filter((c) => c.endpoint === "getarticleread").map((c) => c.range.beginDate)).toEqual(eachDay("2026-11-20", "2026-12-01"));
    expect(w.stores.sync.get("default", "article_reads")).toMatchObject({ status: "ok", syncedThrough: "2026-12-01" });
  });

  it("bounds the calls of one run; a long backfill continues on the next", async () => {
    const w = statsWorld();
    const { wechat, calls } = fakeWechat({ readyThrough: "2026-12-01" });
    const result = await refresh(w, wechat, { backfillDays: 60, maxCallsPerSource: 20 });
    expect(result.sources.find((s) => s.source === "article_reads")).toMatchObject({ syncedThrough: "2026-10-12", detail: "本次已调用 20 次，其余下次同步继续" });
    expect(calls.filter((c) => c.endpoint === "getarticleread")).toHaveLength(10); // read + share: two calls a day
  });

  it("paces datacube calls per account, reports progress, and stops the account on a quota answer", async () => {
    const w = statsWorld();
    const { wechat, calls } = fakeWechat({ readyThrough: "2026-12-01" });
    const at: number[] = [];
    const seen: string[] = [];
    const waits: number[] = [];
    const result = await refreshStats({
      wechat: { ...wechat, datacube: new Proxy(wechat.datacube, { get: (t, k) => (...a: unknown[]) => (at.push(w.clock.now().getTime()), (t as never)[k as never] as (...x: unknown[]) => unknown)(...a) }) } as never,
      stores: w.stores,
      clock: w.clock,
      log: silent,
      accountId: "default",
      timezone: "Asia/Shanghai",
      backfillDays: 30,
      callsPerMinute: 20,
      sleep: async (ms) => void (waits.push(ms), w.clock.advance(ms)),
      progress: (p) => seen.push(`${p.source} ${p.done}/${p.total}`),
    });
    expect(result.sources.every((s) => s.status === "ok")).toBe(true);
    for (let i = 20; i < at.length; i++) expect(at[i]! - at[i - 20]!).toBeGreaterThanOrEqual(60_000);
    expect(waits.length).toBeGreaterThan(0);
    expect(seen).toContain("followers 5/5");
    expect(seen).toContain("article_reads 30/30");
    expect(seen).toContain("biz_summary 1/1");

    const w2 = statsWorld();
    const quota = fakeWechat({ readyThrough: "2026-12-01", fail: (endpoint, r) => (endpoint === "getarticleread" && r.beginDate === "2026-11-10" ? 45011 : undefined) });
    const stopped = await refresh(w2, quota.wechat);
    expect(stopped.sources.find((s) => s.source === "article_reads")).toMatchObject({ status: "error", detail: "已达微信接口调用上限（errcode 45011），下次同步时继续" });
    // No further datacube call this run for this account.
    expect(quota.calls.filter((c) => c.endpoint.startsWith("get")).map((c) => c.endpoint).pop()).toBe("getarticleread");
    expect(stopped.sources.find((s) => s.source === "biz_summary")).toMatchObject({ status: "error" });
    expect(calls.length).toBeGreaterThan(0);
  });
});

describe("refreshStats against the sandbox (wire shapes, errcodes)", () => {
  let h: Harness;
  afterEach(() => h.close());

  it("stores the simulator's followers and the reads of a mass-sent article", async () => {
    h = await startHarness(); // 2026-12-01 10:00 Beijing
    h.clock.set("2026-11-27T02:00:00Z");
    const sent = await h.client.mass.sendAll({ message: { type: "mpnews", mediaId: await makeDraft(h.client, "轮台县2026年秋季青年就业招聘会") } });
    await h.sandbox.idle();
    h.clock.set("2026-12-01T02:00:00Z");
    const stores = createStatsStores(h.db);
    const result = await refreshStats({
      wechat: h.client,
      stores,
      clock: h.clock,
      log: silent,
      accountId: "default",
      timezone: "Asia/Shanghai",
      backfillDays: 14,
      sleep: async (ms: number) => void h.clock.advance(ms),
    });
    expect(result.sources.every((s) => s.status === "ok")).toBe(true);
    const days = stores.snapshots.followerDays("default", "2026-11-17", "2026-11-30");
    expect(days).toHaveLength(14);
    for (let i = 1; i < days.length; i++) {
      // WeChat's own identity: today's cumulate = yesterday's + new − cancel.
      expect(days[i]!.cumulateUser).toBe(days[i - 1]!.cumulateUser! + days[i]!.newUser - days[i]!.cancelUser);
    }
    expect(stores.snapshots.followerCountOn("default", "2026-12-01")?.total).toBeGreaterThan(days[13]!.cumulateUser!);
    const articles = stores.articles.articlesBetween("default", "2026-11-27", "2026-11-30");
    expect(articles).toEqual([
      expect.objectContaining({
        msgId: `${sent.msgDataId}_1`,
        detail: expect.objectContaining({ title: "轮台县2026年秋季青年就业招聘会", publishDate: "2026-11-27", publishType: 0 }),
      }),
    ]);
    expect(articles[0]!.readUser).toBeGreaterThan(0);
  });

  it("degrades to unavailable when the simulated account is not verified (48001)", async () => {
    h = await startHarness({ verified: false });
    const result = await refreshStats({
      wechat: h.client,
      stores: createStatsStores(h.db),
      clock: h.clock,
      log: silent,
      accountId: "default",
      timezone: "Asia/Shanghai",
      backfillDays: 14,
      sleep: async (ms: number) => void h.clock.advance(ms),
    });
    expect(result.sources.slice(0, 3).map((s) => [s.status, s.detail])).toEqual([
      ["unavailable", `${UNAVAILABLE_DETAIL}（errcode 48001）`],
      ["unavailable", `${UNAVAILABLE_DETAIL}（errcode 48001）`],
      ["unavailable", `${UNAVAILABLE_DETAIL}（errcode 48001）`],
    ]);
    expect(h.sandbox.countCalls("datacube/getusersummary")).toBe(1);
    expect(h.sandbox.countCalls("datacube/getarticlesummary")).toBe(0);
  });
});
