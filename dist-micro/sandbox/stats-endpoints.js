"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.updateRemarkEndpoint = exports.userGetEndpoint = exports.datacubeEndpoints = void 0;
const time_1 = require("../time");
const fake_figures_1 = require("./fake-figures");
const sandbox_context_1 = require("./sandbox-context");
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
/** Data exists from 2014-12-01; yesterday's is ready after 08:00 Beijing time (protocol §5.8). */
const FIRST_DATE = "2014-12-01";
const READY_HOUR = 8;
/** Reads of a mass-sent article are counted for its first 7 days. */
const ARTICLE_DAYS = 7;
/** The dates asked for: 61500 bad format, 61501 bad range (begin > end, over the span, not before today). */
function requestedDates(body, maxSpan, now) {
    const { begin_date: begin, end_date: end } = body;
    if (typeof begin !== "string" || typeof end !== "string" || !DATE_RE.test(begin) || !DATE_RE.test(end))
        (0, sandbox_context_1.reject)(61500);
    if (!(0, time_1.dayjs)(begin, "YYYY-MM-DD", true).isValid() || !(0, time_1.dayjs)(end, "YYYY-MM-DD", true).isValid())
        (0, sandbox_context_1.reject)(61500);
    const span = (0, fake_figures_1.dayNumber)(end) - (0, fake_figures_1.dayNumber)(begin);
    const today = (0, time_1.localDate)(now);
    if (span < 0 || span >= maxSpan || begin < FIRST_DATE || end >= today)
        (0, sandbox_context_1.reject)(61501);
    const ready = (0, time_1.dayjs)(now).tz(time_1.DEFAULT_TIMEZONE).hour() >= READY_HOUR;
    const dates = Array.from({ length: span + 1 }, (_, i) => (0, fake_figures_1.addDays)(begin, i));
    return ready ? dates : dates.filter((d) => d < (0, fake_figures_1.addDays)(today, -1));
}
const dayStart = (date) => time_1.dayjs.tz(date, time_1.DEFAULT_TIMEZONE).valueOf();
/** mpnews sendall jobs of one local date. */
function sendsOn(sb, date) {
    return sb.stores.jobs
        .sendAllsBetween(sb.accountId, dayStart(date), dayStart((0, fake_figures_1.addDays)(date, 1)))
        .filter((s) => s.msgtype === "mpnews" && s.msgDataId !== null);
}
function titles(sb, send) {
    const draft = send.mediaId ? sb.stores.content.findDraft(sb.accountId, send.mediaId) : undefined;
    return (draft?.articles ?? []).map((a) => String(a.title ?? ""));
}
/** getarticlesummary counts an article only with ≥ 3 interactions (analysis_data doc; protocol §5.8). */
const counted = (d) => d.int_page_read_user + d.ori_page_read_user + d.share_user + d.share_count + d.add_to_fav_count >= 3;
function datacube(sb, name, maxSpan, rows) {
    return {
        method: "POST",
        path: `/datacube/${name}`,
        verifiedOnly: true,
        async handle(req) {
            return { list: requestedDates(await req.json(), maxSpan, req.now).flatMap(rows) };
        },
    };
}
/** The four datacube endpoints we use, with figures from fake-figures.ts and the sandbox's own mass sends. */
const datacubeEndpoints = (sb) => [
    datacube(sb, "getusersummary", 7, (date) => (0, fake_figures_1.userSummaryOn)(sb.seed, date).map((r) => ({ ref_date: date, ...r }))),
    datacube(sb, "getusercumulate", 7, (date) => [{ ref_date: date, user_source: 0, cumulate_user: (0, fake_figures_1.followersOn)(sb.seed, date) }]),
    datacube(sb, "getarticlesummary", 1, (date) => Array.from({ length: ARTICLE_DAYS }, (_, k) => (0, fake_figures_1.addDays)(date, -k)).flatMap((sent) => sendsOn(sb, sent).flatMap((send) => titles(sb, send).flatMap((title, i) => {
        const day = (0, fake_figures_1.articleDay)(sb.seed, send.msgDataId, i + 1, (0, fake_figures_1.dayNumber)(date) - (0, fake_figures_1.dayNumber)(sent), (0, fake_figures_1.followersOn)(sb.seed, sent));
        return counted(day) ? [{ ref_date: date, msgid: `${send.msgDataId}_${i + 1}`, title, ...day }] : [];
    })))),
    datacube(sb, "getarticletotal", 1, (date) => {
        const last = (0, fake_figures_1.addDays)((0, time_1.localDate)(sb.clock.now()), -1);
        return sendsOn(sb, date).flatMap((send) => titles(sb, send).map((title, i) => {
            const followers = (0, fake_figures_1.followersOn)(sb.seed, date);
            const sum = {};
            const details = [];
            for (let k = 0; k < ARTICLE_DAYS && (0, fake_figures_1.addDays)(date, k) <= last; k++) {
                for (const [key, v] of Object.entries((0, fake_figures_1.articleDay)(sb.seed, send.msgDataId, i + 1, k, followers)))
                    sum[key] = (sum[key] ?? 0) + v;
                details.push({ stat_date: (0, fake_figures_1.addDays)(date, k), target_user: followers, ...sum });
            }
            return { ref_date: date, msgid: `${send.msgDataId}_${i + 1}`, title, details };
        }));
    }),
];
exports.datacubeEndpoints = datacubeEndpoints;
const PAGE = 10_000;
/** GET /cgi-bin/user/get?next_openid= → {total, count, data:{openid}, next_openid} (10 000 a page). */
const userGetEndpoint = (sb) => {
    let cache;
    return {
        method: "GET",
        path: "/cgi-bin/user/get",
        handle(req) {
            const total = (0, fake_figures_1.followersOn)(sb.seed, (0, time_1.localDate)(req.now));
            if (cache?.total !== total)
                cache = { total, ids: (0, fake_figures_1.followerOpenIds)(sb.seed, total) };
            const after = req.query.next_openid ?? "";
            const start = after === "" ? 0 : cache.ids.indexOf(after) + 1;
            if (start === 0 && after !== "")
                (0, sandbox_context_1.reject)(40003);
            const page = cache.ids.slice(start, start + PAGE);
            if (page.length === 0)
                return { total, count: 0, next_openid: "" };
            return { total, count: page.length, data: { openid: page }, next_openid: page[page.length - 1] };
        },
    };
};
exports.userGetEndpoint = userGetEndpoint;
/**
 * POST /cgi-bin/user/info/updateremark {openid, remark}: verified accounts only (48001, as WeChat's
 * permission table says for unverified ones); remark under 30 bytes (45096 otherwise, as observed).
 */
const updateRemarkEndpoint = (_sb) => ({
    method: "POST",
    path: "/cgi-bin/user/info/updateremark",
    verifiedOnly: true,
    async handle(req) {
        const body = await req.json();
        if (typeof body.openid !== "string" || body.openid === "")
            (0, sandbox_context_1.reject)(40003);
        if (typeof body.remark !== "string" || Buffer.byteLength(body.remark, "utf8") >= 30)
            (0, sandbox_context_1.reject)(45096);
        return { errcode: 0, errmsg: "ok" };
    },
});
exports.updateRemarkEndpoint = updateRemarkEndpoint;
//# sourceMappingURL=stats-endpoints.js.map