"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.UNAVAILABLE_DETAIL = void 0;
exports.refreshStats = refreshStats;
const errors_1 = require("../errors");
const time_1 = require("../time");
const dates_1 = require("./dates");
const plan_date_spans_1 = require("./plan-date-spans");
/**
 * Permission answers: the account may not use the API (48001 "api unauthorized": not verified or
 * wrong account type; 48004 banned; 50001 not authorised). Asking again does not help (DESIGN rule
 * 8), so the source is recorded `unavailable` and the dashboard falls back to our own logs.
 */
const PERMISSION_ERRCODES = new Set([48001, 48004, 50001]);
exports.UNAVAILABLE_DETAIL = "unavailable: account not verified";
/** Max days per call (protocol §5.8: user* 7, article* 1) and how many recent days to refetch. */
const SOURCES = {
    followers: { maxDays: 7, refetchDays: 2 },
    articles: { maxDays: 1, refetchDays: 2 },
    // getarticletotal is keyed by send date and its details grow for the first 7 days.
    article_totals: { maxDays: 1, refetchDays: 7 },
};
/** What went wrong, for the sync table: permission → unavailable; anything else → error (retried next run). */
function classify(err) {
    if (err instanceof errors_1.WeChatApiError) {
        if (PERMISSION_ERRCODES.has(err.errcode))
            return { status: "unavailable", errcode: err.errcode, detail: `${exports.UNAVAILABLE_DETAIL} (errcode ${err.errcode})` };
        return { status: "error", errcode: err.errcode, detail: `errcode ${err.errcode}: ${err.errmsg}` };
    }
    return { status: "error", detail: err?.message ?? String(err) };
}
/**
 * The daily ETL: datacube → stats_* snapshot tables. Backfills from the last stored day in spans
 * the API accepts, up to yesterday, with idempotent upserts (a rerun writes the same rows again).
 * Never throws: each source records ok / unavailable / error and the next run resumes from its
 * watermark, so a transient failure is retried tomorrow (or at the 10:30 retry), never in a loop.
 */
async function refreshStats(deps) {
    const { stores, accountId, clock, log } = deps;
    const maxCalls = deps.maxCallsPerSource ?? 120;
    const today = (0, time_1.localDate)(clock.now(), deps.timezone);
    const yesterday = (0, dates_1.addDays)(today, -1);
    const results = [];
    let unavailable;
    const run = async (source, fetchSpan) => {
        const spec = SOURCES[source];
        const state = stores.sync.get(accountId, source);
        const result = { source, status: "ok", days: 0, calls: 0, syncedThrough: state?.syncedThrough ?? null };
        results.push(result);
        if (unavailable) {
            // One permission answer covers every datacube endpoint: do not spend calls proving it again.
            stores.sync.record(accountId, source, unavailable, clock.now().getTime());
            Object.assign(result, { status: unavailable.status, detail: unavailable.detail });
            return;
        }
        const window = (0, plan_date_spans_1.backfillWindow)({
            syncedThrough: state?.syncedThrough ?? undefined,
            yesterday,
            initialDays: deps.backfillDays,
            refetchDays: spec.refetchDays,
        });
        let detail;
        for (const span of window ? (0, plan_date_spans_1.planDateSpans)(window, spec.maxDays) : []) {
            if (result.calls >= maxCalls) {
                detail = `stopped after ${maxCalls} calls; continues next run`;
                break;
            }
            if (deps.shouldStop?.()) {
                detail = "service stopping; continues next run";
                break;
            }
            try {
                const at = clock.now().getTime();
                const done = await fetchSpan(span, at);
                result.calls++;
                result.days += done.days;
                stores.sync.record(accountId, source, { status: "ok", ...(done.through ? { syncedThrough: done.through } : {}) }, at);
                if (done.through && (result.syncedThrough === null || done.through > result.syncedThrough))
                    result.syncedThrough = done.through;
                if (done.stop) {
                    detail = done.stop;
                    break;
                }
            }
            catch (err) {
                const outcome = classify(err);
                if (outcome.status === "unavailable")
                    unavailable = outcome;
                stores.sync.record(accountId, source, outcome, clock.now().getTime());
                Object.assign(result, { status: outcome.status, detail: outcome.detail });
                log.warn({ source, span, errcode: outcome.errcode, detail: outcome.detail }, "stats source not refreshed");
                return;
            }
        }
        if (!window)
            stores.sync.record(accountId, source, { status: "ok" }, clock.now().getTime());
        if (detail)
            result.detail = detail;
    };
    await run("followers", async (span, at) => {
        const [summary, cumulate] = [await deps.wechat.datacube.getUserSummary(span), await deps.wechat.datacube.getUserCumulate(span)];
        const cumulated = new Map(cumulate.map((r) => [r.refDate, r.cumulateUser]));
        let through;
        let days = 0;
        stores.snapshots.transaction(() => {
            for (const date of (0, dates_1.eachDay)(span.beginDate, span.endDate)) {
                // getusercumulate has a row for every day once the day is ready; a missing row means
                // "not yet" (08:30 may answer empty), so the watermark stops before it.
                const total = cumulated.get(date);
                if (total === undefined)
                    break;
                const sources = summary.filter((r) => r.refDate === date);
                stores.snapshots.upsertFollowerSummary(accountId, date, sources, at);
                stores.snapshots.upsertFollowerCumulate(accountId, date, total, at);
                through = date;
                days++;
            }
        });
        return { through, days, ...(through === span.endDate ? {} : { stop: `no data yet for ${through ? (0, dates_1.addDays)(through, 1) : span.beginDate}` }) };
    });
    await run("articles", async (span, at) => {
        const rows = await deps.wechat.datacube.getArticleSummary(span);
        stores.snapshots.transaction(() => {
            for (const r of rows) {
                stores.snapshots.upsertArticleDay(accountId, { ...r, date: r.refDate, articleIdx: r.articleIdx ?? null }, at);
            }
        });
        return { through: span.endDate, days: 1 };
    });
    await run("article_totals", async (span, at) => {
        const rows = await deps.wechat.datacube.getArticleTotal(span);
        stores.snapshots.transaction(() => {
            for (const r of rows) {
                const last = r.details.reduce((a, d) => (!a || d.statDate > a.statDate ? d : a), undefined);
                if (!last)
                    continue;
                stores.snapshots.upsertArticleTotal(accountId, {
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
                }, at);
            }
        });
        return { through: span.endDate, days: 1 };
    });
    results.push(await refreshFollowerCount(deps, today));
    log.info({ sources: results.map((r) => ({ source: r.source, status: r.status, days: r.days, through: r.syncedThrough })) }, "stats refreshed");
    return { sources: results };
}
/** user/get "total": today's follower count (one call; the openids of the first page are dropped). */
async function refreshFollowerCount(deps, today) {
    const at = deps.clock.now().getTime();
    try {
        const page = await deps.wechat.user.get();
        deps.stores.snapshots.upsertFollowerCount(deps.accountId, today, page.total, at);
        deps.stores.sync.record(deps.accountId, "follower_count", { status: "ok", syncedThrough: today }, at);
        return { source: "follower_count", status: "ok", days: 1, calls: 1, syncedThrough: today };
    }
    catch (err) {
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
//# sourceMappingURL=refresh-stats.js.map