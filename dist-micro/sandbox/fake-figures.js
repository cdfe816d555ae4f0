"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.unit = unit;
exports.dayNumber = dayNumber;
exports.addDays = addDays;
exports.followersOn = followersOn;
exports.userSummaryOn = userSummaryOn;
exports.followerOpenIds = followerOpenIds;
exports.articleDay = articleDay;
const node_crypto_1 = require("node:crypto");
/**
 * Plausible, deterministic figures for a county League account: followers growing a few a day
 * since the account opened, reads of mass-sent articles decaying over a week. Same seed and
 * date → same numbers, in any process and any TZ (dates are "YYYY-MM-DD" strings).
 */
const ORIGIN = Date.UTC(2019, 2, 1); // the simulated account opened on 2019-03-01
const DAY_MS = 86_400_000;
/** A number in [0, 1) from the seed and the parts. */
function unit(seed, ...parts) {
    return (0, node_crypto_1.createHash)("sha256").update([seed, ...parts].join("|")).digest().readUInt32BE(0) / 2 ** 32;
}
function dayNumber(date) {
    const [y, m, d] = date.split("-").map(Number);
    return Math.floor((Date.UTC(y, m - 1, d) - ORIGIN) / DAY_MS);
}
function addDays(date, days) {
    const [y, m, d] = date.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
/** Followers at the end of `date`: base + rate × days + a jitter below the rate (never decreasing). */
function followersOn(seed, date) {
    const n = Math.max(0, dayNumber(date));
    const base = 600 + Math.floor(unit(seed, "base") * 900);
    const rate = 2 + unit(seed, "rate") * 3;
    return base + Math.floor(n * rate) + Math.floor(unit(seed, "jitter", date) * Math.floor(rate));
}
/** getusersummary rows for one day: sources 0 (其他), 1 (搜索), 17 (名片分享), 30 (扫码); cancels under 0. */
function userSummaryOn(seed, date) {
    const net = followersOn(seed, date) - followersOn(seed, addDays(date, -1));
    const cancel = Math.floor(unit(seed, "cancel", date) * 4);
    let remaining = net + cancel;
    const rows = [];
    for (const [source, share] of [[30, 0.45], [1, 0.3], [17, 0.15]]) {
        const n = Math.min(remaining, Math.round((net + cancel) * share * (0.7 + 0.6 * unit(seed, "src", source, date))));
        remaining -= n;
        if (n > 0)
            rows.push({ user_source: source, new_user: n, cancel_user: 0 });
    }
    return [{ user_source: 0, new_user: remaining, cancel_user: cancel }, ...rows];
}
/** Follower OpenIDs: 28 characters like real ones, stable per seed (position i). */
function followerOpenIds(seed, total) {
    const ids = [];
    for (let i = 0; i < total; i++) {
        ids.push("o" + (0, node_crypto_1.createHash)("sha1").update(`${seed}|follower|${i}`).digest("base64url").slice(0, 27));
    }
    return ids;
}
/** Day `k` (0 = the day it was sent) of article `idx` of mass send `msgDataId` to `followers`. */
function articleDay(seed, msgDataId, idx, k, followers) {
    const u = (...p) => unit(seed, "article", msgDataId, idx, k, ...p);
    const appeal = (0.05 + 0.08 * unit(seed, "appeal", msgDataId, idx)) * (idx === 1 ? 1 : 0.45);
    const decay = 0.3 + 0.15 * unit(seed, "decay", msgDataId);
    const readers = Math.round(followers * appeal * decay ** k * (0.85 + 0.3 * u("r")));
    const sharers = Math.round(readers * (0.03 + 0.04 * u("s")));
    const favs = Math.round(readers * (0.005 + 0.015 * u("f")));
    const original = Math.round(readers * 0.01 * u("o"));
    return {
        int_page_read_user: readers,
        int_page_read_count: Math.round(readers * (1.05 + 0.25 * u("rc"))),
        ori_page_read_user: original,
        ori_page_read_count: original + Math.round(original * 0.2 * u("oc")),
        share_user: sharers,
        share_count: Math.round(sharers * (1.1 + 0.4 * u("sc"))),
        add_to_fav_user: favs,
        add_to_fav_count: favs + Math.round(favs * 0.1 * u("fc")),
    };
}
//# sourceMappingURL=fake-figures.js.map