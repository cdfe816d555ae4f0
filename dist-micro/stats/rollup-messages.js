"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.lastClosedDay = lastClosedDay;
exports.rollupMessageDays = rollupMessageDays;
exports.rollupMessages = rollupMessages;
const time_1 = require("../time");
const dates_1 = require("./dates");
/**
 * A day is rolled up this long after it ended: a push answered late (slow routing, ≤ 5 s) or
 * still in the message log's write buffer (a few ms) is on its row by then.
 */
const SETTLE_MS = 5 * 60_000;
/** The newest day that is over (and settled), so its rollup will not change. */
function lastClosedDay(now, timezone) {
    return (0, dates_1.addDays)((0, time_1.localDate)(new Date(now.getTime() - SETTLE_MS), timezone), -1);
}
/** The days a rollup run would still have to do, oldest first (empty when up to date). */
function pendingDays(deps) {
    const through = deps.stores.sync.get(deps.accountId, "message_rollup")?.syncedThrough ?? undefined;
    const to = lastClosedDay(deps.clock.now(), deps.timezone);
    let from;
    if (through !== undefined)
        from = (0, dates_1.addDays)(through, 1);
    else {
        const first = deps.stores.messages.firstReceivedAt(deps.accountId);
        if (first === undefined)
            return undefined;
        from = (0, time_1.localDate)(new Date(first), deps.timezone);
    }
    return from <= to ? { from, to } : undefined;
}
/**
 * Rolls closed days of inbound_messages into the stats_*_days tables, at most `maxDays` of them
 * (oldest first), moving the `message_rollup` watermark. Synchronous: the dashboard calls it with
 * a small bound; the job calls rollupMessages, which yields between days.
 * @returns the number of days rolled up
 */
function rollupMessageDays(deps, maxDays) {
    const pending = pendingDays(deps);
    if (!pending)
        return 0;
    let done = 0;
    for (let day = pending.from; day <= pending.to && done < maxDays; day = (0, dates_1.addDays)(day, 1)) {
        const start = (0, dates_1.dayStart)(day, deps.timezone);
        const end = (0, dates_1.dayStart)((0, dates_1.addDays)(day, 1), deps.timezone);
        deps.stores.messages.replaceDay(deps.accountId, deps.stores.messages.aggregate(deps.accountId, day, start, end));
        deps.stores.sync.record(deps.accountId, "message_rollup", { status: "ok", syncedThrough: day }, deps.clock.now().getTime());
        done++;
    }
    return done;
}
/**
 * Catches the rollups up completely, a day at a time, giving the event loop back between days so
 * the webhook keeps answering while a long history (first run) is rolled up.
 */
async function rollupMessages(deps) {
    let total = 0;
    for (;;) {
        const n = rollupMessageDays(deps, 1);
        if (n === 0)
            return total;
        total += n;
        await new Promise((resolve) => setImmediate(resolve));
    }
}
//# sourceMappingURL=rollup-messages.js.map