"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readMessageDays = readMessageDays;
exports.readActivityTotal = readActivityTotal;
exports.firstMessageDay = firstMessageDay;
exports.sumBy = sumBy;
const time_1 = require("../time");
const dates_1 = require("./dates");
const rollup_messages_1 = require("./rollup-messages");
/** Unmatched texts taken from the rollups before merging with live days (the tail beyond is noise). */
const UNMATCHED_CANDIDATES = 200;
function add(into, key, row) {
    const known = into.get(key);
    if (known)
        known.n += row.n;
    else
        into.set(key, { ...row });
}
/**
 * Reads [from, to]. Closed days come from the rollups (first catching up a few missing days, so a
 * dashboard opened before the job ran stays fast); today and anything newer than the rollup
 * watermark are aggregated from the log itself (one day is a few small GROUP BY queries).
 * Per-day types and activity always; range totals only for the `parts` asked for.
 */
function readMessageDays(ctx, from, to, parts = ["scenes", "rules", "unmatched"]) {
    const { stores, accountId } = ctx;
    (0, rollup_messages_1.rollupMessageDays)(ctx, ctx.rollupBudgetDays ?? 14);
    const through = stores.sync.get(accountId, "message_rollup")?.syncedThrough ?? null;
    const result = { types: [], activity: [], scenes: [], rules: [], unmatched: [], liveDays: [] };
    const scenes = new Map();
    const rules = new Map();
    const texts = new Map();
    if (through !== null && from <= through) {
        const end = (0, dates_1.minDate)(to, through);
        result.types = stores.messages.typesByDay(accountId, from, end);
        result.activity = stores.messages.activityByDay(accountId, from, end);
        if (parts.includes("scenes"))
            for (const s of stores.messages.scenes(accountId, from, end))
                add(scenes, `${s.msgType}\u0000${s.scene}`, s);
        if (parts.includes("rules"))
            for (const r of stores.messages.ruleTotals(accountId, from, end))
                add(rules, `${r.columnId}\u0000${r.ruleId}\u0000${r.matchMode}`, r);
        if (parts.includes("unmatched"))
            for (const t of stores.messages.topUnmatched(accountId, from, end, UNMATCHED_CANDIDATES))
                add(texts, t.content, t);
    }
    const today = (0, time_1.localDate)(ctx.clock.now(), ctx.timezone);
    const liveTo = (0, dates_1.minDate)(to, today);
    for (let day = through === null ? from : (0, dates_1.maxDate)(from, (0, dates_1.addDays)(through, 1)); day <= liveTo; day = (0, dates_1.addDays)(day, 1)) {
        const r = stores.messages.aggregate(accountId, day, (0, dates_1.dayStart)(day, ctx.timezone), (0, dates_1.dayStart)((0, dates_1.addDays)(day, 1), ctx.timezone));
        result.liveDays.push(day);
        if (r.types.length === 0)
            continue;
        const perType = new Map();
        for (const t of r.types) {
            add(perType, t.msgType, { msgType: t.msgType, n: t.n, day });
            if (t.scene !== "")
                add(scenes, `${t.msgType}\u0000${t.scene}`, t);
        }
        result.types.push(...perType.values());
        result.activity.push({ ...r.activity, day });
        for (const x of r.rules)
            add(rules, `${x.columnId}\u0000${x.ruleId}\u0000${x.matchMode}`, x);
        for (const t of r.unmatched)
            add(texts, t.content, t);
    }
    if (parts.includes("scenes"))
        result.scenes = [...scenes.values()];
    if (parts.includes("rules"))
        result.rules = [...rules.values()];
    if (parts.includes("unmatched"))
        result.unmatched = [...texts.values()].sort((a, b) => b.n - a.n || (a.content < b.content ? -1 : 1));
    return result;
}
/** Activity summed over [from, to] (all-time totals for the report), rollups plus live days. */
function readActivityTotal(ctx, from, to) {
    const { stores, accountId } = ctx;
    (0, rollup_messages_1.rollupMessageDays)(ctx, ctx.rollupBudgetDays ?? 14);
    const through = stores.sync.get(accountId, "message_rollup")?.syncedThrough ?? null;
    const total = { youths: 0, messages: 0, events: 0, answered: 0, unmatched: 0 };
    const addActivity = (a) => {
        for (const k of Object.keys(total))
            total[k] += a[k];
    };
    if (through !== null && from <= through)
        addActivity(stores.messages.activityTotal(accountId, from, (0, dates_1.minDate)(to, through)));
    const today = (0, time_1.localDate)(ctx.clock.now(), ctx.timezone);
    const liveTo = (0, dates_1.minDate)(to, today);
    for (let day = through === null ? from : (0, dates_1.maxDate)(from, (0, dates_1.addDays)(through, 1)); day <= liveTo; day = (0, dates_1.addDays)(day, 1)) {
        addActivity(stores.messages.aggregate(accountId, day, (0, dates_1.dayStart)(day, ctx.timezone), (0, dates_1.dayStart)((0, dates_1.addDays)(day, 1), ctx.timezone)).activity);
    }
    return total;
}
/** The first local day of the message log, if any. */
function firstMessageDay(ctx) {
    const first = ctx.stores.messages.firstReceivedAt(ctx.accountId);
    return first === undefined ? undefined : (0, time_1.localDate)(new Date(first), ctx.timezone);
}
/** Sums `n` by a key over rows. */
function sumBy(rows, key) {
    const out = new Map();
    for (const r of rows)
        out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
    return out;
}
//# sourceMappingURL=read-message-days.js.map