import { WeChatApiError } from "../errors";
import type { Logger } from "../logger";
import { localDate, type Clock } from "../time";
import type { ApiClient } from "../wechat/api-client";
import { datacubeRefusal, ERRCODE_MEANINGS, type DatacubeRefusal } from "../wechat/api-errcodes";
import { ARTICLE_DETAIL_DAYS, DATACUBE_MAX_DAYS, PUBLISHED_STATS_FIRST_DATE, type DateRange } from "../wechat/endpoints/datacube";
import type { StatsSource, SyncStatus } from "../db/stores/stats-sync-store";
import { addDays, eachDay } from "./dates";
import { createPacer, DATACUBE_CALLS_PER_MINUTE } from "./pace-calls";
import { backfillWindow, DATACUBE_FIRST_DATE, planDateSpans } from "./plan-date-spans";
import type { StatsStores } from "./stats-stores";

/** The sync table's note for a permission answer (48001 and kin): shown to staff on the 概览 page. */
export const UNAVAILABLE_DETAIL = "公众号未认证或没有该接口的权限";

type DatacubeSource = Exclude<StatsSource, "follower_count" | "message_rollup">;

/**
 * Per source: the widest span a call may ask (DATACUBE_MAX_DAYS), how many recent days every run
 * fetches again (08:30 may answer an empty list and fill it in later, protocol §5.8; old article
 * totals grow for 7 days) and the first day the endpoint has data.
 */
const SOURCES: Record<DatacubeSource, { maxDays: number; refetchDays: number; firstDate: string }> = {
  followers: { maxDays: DATACUBE_MAX_DAYS.getusersummary, refetchDays: 2, firstDate: DATACUBE_FIRST_DATE },
  article_reads: { maxDays: DATACUBE_MAX_DAYS.getarticleread, refetchDays: 2, firstDate: PUBLISHED_STATS_FIRST_DATE },
  biz_summary: { maxDays: DATACUBE_MAX_DAYS.getbizsummary, refetchDays: 2, firstDate: PUBLISHED_STATS_FIRST_DATE },
  // Keyed by publish date; dates already published are asked again while they are < 30 days old.
  article_details: { maxDays: DATACUBE_MAX_DAYS.getarticletotaldetail, refetchDays: 1, firstDate: PUBLISHED_STATS_FIRST_DATE },
  articles: { maxDays: DATACUBE_MAX_DAYS.getarticlesummary, refetchDays: 2, firstDate: DATACUBE_FIRST_DATE },
  article_totals: { maxDays: DATACUBE_MAX_DAYS.getarticletotal, refetchDays: 7, firstDate: DATACUBE_FIRST_DATE },
};

/** How far a refresh is, after each call's span: for `cli stats refresh` and the logs. */
export interface RefreshProgress {
  source: StatsSource;
  /** Spans done and planned for this source in this run. */
  done: number;
  total: number;
  /** The span just fetched. */
  span: DateRange;
  /** Milliseconds waited so far to stay under the per-minute pace. */
  waitedMs: number;
}

export interface RefreshStatsDeps {
  wechat: Pick<ApiClient, "datacube" | "user">;
  stores: StatsStores;
  clock: Clock;
  log: Logger;
  accountId: string;
  timezone: string;
  /** First run: how many days back to fetch (clamped to each endpoint's first day). */
  backfillDays: number;
  /** Calls per source per run; a long backfill continues on the next run. */
  maxCallsPerSource?: number;
  /** datacube calls per minute for this account (DATACUBE_CALLS_PER_MINUTE). */
  callsPerMinute?: number;
  /** Waits out the pace; injected so tests move a fixed clock instead of sleeping. */
  sleep?: (ms: number) => Promise<void>;
  /** Asked before every call: true once the service is stopping (SIGTERM); the rest waits for the next run. */
  shouldStop?: () => boolean;
  /** Told after every span (an observer: it cannot change what the refresh does). */
  progress?: (p: RefreshProgress) => void;
}

export interface SourceResult {
  source: StatsSource;
  status: SyncStatus;
  /** Dates written this run. */
  days: number;
  calls: number;
  syncedThrough: string | null;
  detail?: string;
}

export interface RefreshStatsResult {
  sources: SourceResult[];
  /** Where the article figures came from this run: the 2025 endpoints, their fallback, or neither. */
  articleSource: "new" | "old" | "none";
}

type Outcome = { status: SyncStatus; detail?: string; errcode?: number; refusal?: DatacubeRefusal };

/** What went wrong, for the sync table (Chinese: staff read it). One table decides: api-errcodes.ts. */
function classify(err: unknown): Outcome {
  if (err instanceof WeChatApiError) {
    const refusal = datacubeRefusal(err.errcode);
    const code = `（errcode ${err.errcode}）`;
    switch (refusal) {
      case "no_permission":
        return { status: "unavailable", refusal, errcode: err.errcode, detail: `${UNAVAILABLE_DETAIL}${code}` };
      case "unknown_api":
        return { status: "unavailable", refusal, errcode: err.errcode, detail: `微信不认识该接口${code}` };
      case "offline":
        return { status: "unavailable", refusal, errcode: err.errcode, detail: `微信已下线该接口${code}` };
      case "quota":
        return { status: "error", refusal, errcode: err.errcode, detail: `已达微信接口调用上限${code}，下次同步时继续` };
      default: {
        // A code the table explains (40164 IP 白名单, 40125 AppSecret…) says what to fix, in the same words as the 发布 page.
        const known = ERRCODE_MEANINGS[err.errcode];
        const detail = known ? `${known.text.replace(/，?然后点“重试”|，?再点“重试”|，?重启服务后点“重试”/, "")}；修好后下次同步自动继续` : `微信返回错误${code}：${err.errmsg}，下次同步时重试`;
        return { status: "error", refusal, errcode: err.errcode, detail };
      }
    }
  }
  return { status: "error", detail: `网络或系统错误：${(err as Error)?.message ?? String(err)}，下次同步时重试` };
}

const sleepFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** What one span's fetch wrote: the last complete date, and why to stop early (no data yet, is_delay). */
type SpanDone = { through: string | undefined; days: number; stop?: string };

/**
 * The daily ETL: datacube → stats_* snapshot tables. Backfills from the last stored day in spans
 * each endpoint accepts, up to yesterday, with idempotent upserts (a rerun writes the same rows).
 * Article figures come from the 2025 endpoints; only when they answer a permission or unknown-API
 * errcode does the run fall back to getarticlesummary / getarticletotal ("停止维护").
 * Calls are paced per account (pace-calls.ts); a quota answer (45009, 45011) stops this account's
 * run and the next run resumes from the watermarks. Never throws: each source records ok /
 * unavailable / error, so a transient failure is retried at the next run, never in a loop.
 */
export async function refreshStats(deps: RefreshStatsDeps): Promise<RefreshStatsResult> {
  const { stores, accountId, clock, log } = deps;
  const maxCalls = deps.maxCallsPerSource ?? 120;
  const pacer = createPacer(deps.callsPerMinute ?? DATACUBE_CALLS_PER_MINUTE, clock, deps.sleep ?? sleepFor);
  const today = localDate(clock.now(), deps.timezone);
  const yesterday = addDays(today, -1);
  const results: SourceResult[] = [];
  /** Set by an answer that holds for every later call of this run (permission on followers, quota). */
  let blocked: Outcome | undefined;

  const run = async (
    source: DatacubeSource,
    fetchSpan: (span: DateRange, at: number, call: <T>(fn: () => Promise<T>) => Promise<T>) => Promise<SpanDone>,
    extraDates: (window: DateRange | undefined) => string[] = () => [],
  ): Promise<SourceResult & { outcome?: Outcome }> => {
    const spec = SOURCES[source];
    const state = stores.sync.get(accountId, source);
    const result: SourceResult & { outcome?: Outcome } = { source, status: "ok", days: 0, calls: 0, syncedThrough: state?.syncedThrough ?? null };
    results.push(result);
    if (blocked) {
      stores.sync.record(accountId, source, blocked, clock.now().getTime());
      Object.assign(result, { status: blocked.status, detail: blocked.detail, outcome: blocked });
      return result;
    }
    const window = backfillWindow({
      syncedThrough: state?.syncedThrough ?? undefined,
      yesterday,
      initialDays: deps.backfillDays,
      refetchDays: spec.refetchDays,
      firstDate: spec.firstDate,
    });
    const extra = extraDates(window).map((d) => ({ beginDate: d, endDate: d }));
    const spans = [...(window ? planDateSpans(window, spec.maxDays) : []), ...extra];
    const call = async <T>(fn: () => Promise<T>): Promise<T> => {
      await pacer.beforeCall();
      result.calls++;
      return fn();
    };
    let detail: string | undefined;
    let done = 0;
    for (const span of spans) {
      if (result.calls >= maxCalls) {
        detail = `本次已调用 ${maxCalls} 次，其余下次同步继续`;
        break;
      }
      if (deps.shouldStop?.()) {
        detail = "服务正在停止，其余下次同步继续";
        break;
      }
      try {
        const at = clock.now().getTime();
        const span_ = await fetchSpan(span, at, call);
        result.days += span_.days;
        // A refetched older date (an open publish date) never moves the watermark back.
        stores.sync.record(accountId, source, { status: "ok", ...(span_.through ? { syncedThrough: span_.through } : {}) }, at);
        if (span_.through && (result.syncedThrough === null || span_.through > result.syncedThrough)) result.syncedThrough = span_.through;
        deps.progress?.({ source, done: ++done, total: spans.length, span, waitedMs: pacer.waitedMs() });
        if (span_.stop) {
          detail = span_.stop;
          break;
        }
      } catch (err) {
        const outcome = classify(err);
        if (outcome.refusal === "quota") blocked = outcome;
        stores.sync.record(accountId, source, outcome, clock.now().getTime());
        Object.assign(result, { status: outcome.status, detail: outcome.detail, outcome });
        log.warn({ source, span, errcode: outcome.errcode, detail: outcome.detail }, "stats source not refreshed");
        return result;
      }
    }
    if (spans.length === 0) stores.sync.record(accountId, source, { status: "ok" }, clock.now().getTime());
    if (detail) result.detail = detail;
    return result;
  };

  const followers = await run("followers", async (span, at, call) => {
    const summary = await call(() => deps.wechat.datacube.getUserSummary(span));
    const cumulate = await call(() => deps.wechat.datacube.getUserCumulate(span));
    const cumulated = new Map(cumulate.map((r) => [r.refDate, r.cumulateUser]));
    let through: string | undefined;
    let days = 0;
    stores.snapshots.transaction(() => {
      for (const date of eachDay(span.beginDate, span.endDate)) {
        // getusercumulate has a row for every day once the day is ready; a missing row means
        // "not yet" (08:30 may answer empty), so the watermark stops before it.
        const total = cumulated.get(date);
        if (total === undefined) break;
        stores.snapshots.upsertFollowerSummary(accountId, date, summary.filter((r) => r.refDate === date), at);
        stores.snapshots.upsertFollowerCumulate(accountId, date, total, at);
        through = date;
        days++;
      }
    });
    return { through, days, ...(through === span.endDate ? {} : { stop: `微信尚未提供 ${through ? addDays(through, 1) : span.beginDate} 的数据` }) };
  });
  // A permission answer to the basic user figures means the account has no datacube at all
  // (unverified, platform-2025.md §1a): do not spend calls proving it again per endpoint.
  if (followers.outcome?.refusal === "no_permission") blocked = followers.outcome;

  const articleSource = await refreshArticles();

  results.push(await refreshFollowerCount(deps, today));
  log.info({ sources: results.map((r) => ({ source: r.source, status: r.status, days: r.days, through: r.syncedThrough })), articleSource }, "stats refreshed");
  return { sources: results.map(({ outcome: _outcome, ...r }: SourceResult & { outcome?: Outcome }) => r), articleSource };

  /** The 2025 endpoints first; their fallback only on a permission or unknown-API answer. */
  async function refreshArticles(): Promise<RefreshStatsResult["articleSource"]> {
    const reads = await run("article_reads", async (span, at, call) => {
      const read = await call(() => deps.wechat.datacube.getArticleRead(span));
      const share = await call(() => deps.wechat.datacube.getArticleShare(span));
      const key = (r: { msgId: string; msgDataId: string; articleIdx?: number }) => ({ msgId: r.msgId, msgDataId: r.msgDataId, articleIdx: r.articleIdx ?? null });
      stores.articles.transaction(() => {
        stores.articles.upsertReads(accountId, span.beginDate, read.rows.map((r) => ({ ...key(r), readUser: r.readUser })), read.isDelay, at);
        stores.articles.upsertShares(accountId, span.beginDate, share.rows.map((r) => ({ ...key(r), shareUser: r.shareUser })), share.isDelay, at);
      });
      return delayedDone(span, read.isDelay || share.isDelay);
    });
    const refusal = reads.outcome?.refusal;
    if (blocked) {
      // No datacube this run (unverified account, or a quota answer): every source says so.
      for (const source of ["biz_summary", "article_details", "articles", "article_totals"] as const) await run(source, () => Promise.reject(new Error("unreachable")));
      return "none";
    }
    if (refusal === "no_permission" || refusal === "unknown_api") {
      const fallback: Outcome = { status: "unavailable", ...(reads.outcome?.errcode !== undefined ? { errcode: reads.outcome.errcode } : {}), detail: `${reads.detail ?? ""}，改用旧接口（已停止维护）` };
      reads.detail = fallback.detail;
      stores.sync.record(accountId, "article_reads", fallback, clock.now().getTime());
      for (const source of ["biz_summary", "article_details"] as const) {
        stores.sync.record(accountId, source, fallback, clock.now().getTime());
        results.push({ source, status: "unavailable", days: 0, calls: 0, syncedThrough: stores.sync.get(accountId, source)?.syncedThrough ?? null, detail: fallback.detail! });
      }
      const old = await refreshOldArticles();
      return old ? "old" : "none";
    }
    await run("biz_summary", async (span, at, call) => {
      const biz = await call(() => deps.wechat.datacube.getBizSummary(span));
      stores.articles.transaction(() => {
        for (const r of biz.rows) stores.articles.upsertBizDay(accountId, { ...r, date: r.refDate }, biz.isDelay, at);
      });
      return delayedDone(span, biz.isDelay);
    });
    await run(
      "article_details",
      async (span, at, call) => {
        const detail = await call(() => deps.wechat.datacube.getArticleTotalDetail(span));
        stores.articles.transaction(() => {
          for (const r of detail.rows) {
            const last = r.details.reduce<(typeof r.details)[number] | undefined>((a, d) => (!a || d.statDate > a.statDate ? d : a), undefined);
            if (!last) continue;
            stores.articles.upsertDetail(
              accountId,
              { ...last, msgId: r.msgId, msgDataId: r.msgDataId, articleIdx: r.articleIdx ?? null, title: r.title, contentUrl: r.contentUrl, publishDate: r.refDate, publishType: r.publishType },
              detail.isDelay,
              at,
            );
          }
        });
        return delayedDone(span, detail.isDelay);
      },
      // Articles published in the last 30 days keep growing: ask their publish dates again.
      (window) => stores.articles.openPublishDates(accountId, addDays(yesterday, -(ARTICLE_DETAIL_DAYS - 1))).filter((d) => !window || d < window.beginDate),
    );
    return reads.status === "ok" ? "new" : "none";
  }

  /** getarticlesummary / getarticletotal: mass-sent articles only, kept for accounts without the new ones. */
  async function refreshOldArticles(): Promise<boolean> {
    const days = await run("articles", async (span, at, call) => {
      const rows = await call(() => deps.wechat.datacube.getArticleSummary(span));
      stores.snapshots.transaction(() => {
        for (const r of rows) stores.snapshots.upsertArticleDay(accountId, { ...r, date: r.refDate, articleIdx: r.articleIdx ?? null }, at);
      });
      return { through: span.endDate, days: 1 };
    });
    await run("article_totals", async (span, at, call) => {
      const rows = await call(() => deps.wechat.datacube.getArticleTotal(span));
      stores.snapshots.transaction(() => {
        for (const r of rows) {
          const last = r.details.reduce<(typeof r.details)[number] | undefined>((a, d) => (!a || d.statDate > a.statDate ? d : a), undefined);
          if (!last) continue;
          stores.snapshots.upsertArticleTotal(
            accountId,
            {
              msgId: r.msgId,
              msgDataId: r.msgDataId,
              articleIdx: r.articleIdx ?? null,
              title: r.title,
              sentDate: r.refDate,
              statDate: last.statDate,
              targetUser: last.targetUser,
              intPageReadUser: last.intPageReadUser,
              intPageReadCount: last.intPageReadCount,
              shareUser: last.shareUser,
              shareCount: last.shareCount,
              addToFavUser: last.addToFavUser,
            },
            at,
          );
        }
      });
      return { through: span.endDate, days: 1 };
    });
    return days.status === "ok";
  }
}

/** A span of the 2025 family: while WeChat says is_delay, the watermark stays before it (refetched next run). */
function delayedDone(span: DateRange, isDelay: boolean): SpanDone {
  if (!isDelay) return { through: span.endDate, days: 1 };
  return { through: undefined, days: 1, stop: `微信仍在计算 ${span.beginDate} 起的数据（is_delay），下次同步时再取` };
}

/** user/get "total": today's follower count (one call; the openids of the first page are dropped). */
async function refreshFollowerCount(deps: RefreshStatsDeps, today: string): Promise<SourceResult> {
  const at = deps.clock.now().getTime();
  try {
    const page = await deps.wechat.user.get();
    deps.stores.snapshots.upsertFollowerCount(deps.accountId, today, page.total, at);
    deps.stores.sync.record(deps.accountId, "follower_count", { status: "ok", syncedThrough: today }, at);
    return { source: "follower_count", status: "ok", days: 1, calls: 1, syncedThrough: today };
  } catch (err) {
    const outcome = classify(err);
    deps.stores.sync.record(deps.accountId, "follower_count", outcome, at);
    return {
      source: "follower_count",
      status: outcome.status,
      days: 0,
      calls: 1,
      syncedThrough: deps.stores.sync.get(deps.accountId, "follower_count")?.syncedThrough ?? null,
      ...(outcome.detail ? { detail: outcome.detail } : {}),
    };
  }
}
