"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.NOTE_NEVER_SYNCED = exports.NOTE_UNVERIFIED = void 0;
exports.followerSourceOf = followerSourceOf;
exports.readFollowers = readFollowers;
exports.followerCountOn = followerCountOn;
const dates_1 = require("./dates");
exports.NOTE_UNVERIFIED = "公众号未认证（微信接口返回 48001），无法读取微信官方统计；关注数据来自本系统记录的关注/取消关注事件，只包含本系统上线以来的变化。";
exports.NOTE_NEVER_SYNCED = "尚未从微信同步统计数据（每天 08:40 自动同步，10:30 重试；也可运行 npm run cli -- stats refresh）。以下关注数据暂来自本系统记录的关注/取消关注事件。";
/** Whether datacube follower data can be used, and the note to show when not (or when stale). */
function followerSourceOf(ctx) {
    const state = ctx.stores.sync.get(ctx.accountId, "followers");
    if (state?.status === "unavailable")
        return { source: "logs", note: exports.NOTE_UNVERIFIED };
    if (!state || state.succeededAt === null)
        return { source: "logs", note: exports.NOTE_NEVER_SYNCED };
    if (state.status === "error") {
        return { source: "datacube", note: `最近一次同步微信统计失败（${state.detail ?? "未知原因"}），数据截至 ${state.syncedThrough ?? "—"}，下次同步时自动重试。` };
    }
    return { source: "datacube" };
}
/** Followers per day over [from, to]: datacube snapshots, else subscribe/unsubscribe events of our log. */
function readFollowers(ctx, from, to, messages) {
    const { source, note } = followerSourceOf(ctx);
    const days = (0, dates_1.eachDay)(from, to);
    if (source === "datacube") {
        const byDate = new Map(ctx.stores.snapshots.followerDays(ctx.accountId, from, to).map((d) => [d.date, d]));
        const points = days.map((date) => {
            const d = byDate.get(date);
            if (!d)
                return { date, newUser: null, cancelUser: null, net: null, cumulate: null };
            return { date, newUser: d.newUser, cancelUser: d.cancelUser, net: d.newUser - d.cancelUser, cumulate: d.cumulateUser };
        });
        return { source, points, ...(note ? { note } : {}) };
    }
    const subs = new Map();
    const unsubs = new Map();
    for (const t of messages.types) {
        if (t.msgType === "subscribe")
            subs.set(t.day, (subs.get(t.day) ?? 0) + t.n);
        if (t.msgType === "unsubscribe")
            unsubs.set(t.day, (unsubs.get(t.day) ?? 0) + t.n);
    }
    const points = days.map((date) => {
        const n = subs.get(date) ?? 0;
        const c = unsubs.get(date) ?? 0;
        return { date, newUser: n, cancelUser: c, net: n - c, cumulate: null };
    });
    return { source, points, ...(note ? { note } : {}) };
}
/** The follower count on `date`: datacube's cumulate, else user/get's total, else our log's lower bound. */
function followerCountOn(ctx, date) {
    const { source } = followerSourceOf(ctx);
    if (source === "datacube") {
        const cumulate = ctx.stores.snapshots.cumulateOn(ctx.accountId, date);
        const counted = ctx.stores.snapshots.followerCountOn(ctx.accountId, date);
        if (counted && (!cumulate || counted.date > cumulate.date))
            return { value: counted.total, source: "user_get", asOf: counted.date };
        if (cumulate)
            return { value: cumulate.cumulateUser, source: "datacube", asOf: cumulate.date };
    }
    return { value: ctx.stores.messages.subscribedYouths(ctx.accountId), source: "logs", asOf: null };
}
//# sourceMappingURL=read-followers.js.map