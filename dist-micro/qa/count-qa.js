"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mondayOf = mondayOf;
exports.isoWeekKey = isoWeekKey;
exports.periodsBetween = periodsBetween;
exports.median = median;
exports.countQa = countQa;
exports.readQaCounts = readQaCounts;
exports.totalQa = totalQa;
exports.formatDuration = formatDuration;
const dates_1 = require("../stats/dates");
const time_1 = require("../time");
const reply_window_1 = require("../inbox/reply-window");
const weekdayOf = (date) => new Date(`${date}T00:00:00Z`).getUTCDay();
/** The Monday of the week `date` falls in. */
function mondayOf(date) {
    return (0, dates_1.addDays)(date, -((weekdayOf(date) + 6) % 7));
}
/** ISO 8601 week key: the week belongs to the year its Thursday is in. */
function isoWeekKey(monday) {
    const thursday = (0, dates_1.addDays)(monday, 3);
    const year = Number(thursday.slice(0, 4));
    const jan1 = Date.UTC(year, 0, 1);
    const week = 1 + Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / (7 * 86_400_000));
    return `${year}-W${String(week).padStart(2, "0")}`;
}
function lastOfMonth(month) {
    const [y, m] = month.split("-").map(Number);
    return new Date(Date.UTC(y, m, 0)).toISOString().slice(0, 10);
}
/** The periods covering [from, to] (local dates), oldest first. */
function periodsBetween(unit, from, to) {
    const out = [];
    if (unit === "week") {
        for (let monday = mondayOf(from); monday <= to; monday = (0, dates_1.addDays)(monday, 7)) {
            out.push({ unit, key: isoWeekKey(monday), from: monday, to: (0, dates_1.addDays)(monday, 6) });
        }
    }
    else {
        for (let month = from.slice(0, 7); `${month}-01` <= to;) {
            out.push({ unit, key: month, from: `${month}-01`, to: lastOfMonth(month) });
            const [y, m] = month.split("-").map(Number);
            month = m === 12 ? `${y + 1}-01` : `${y}-${String(m + 1).padStart(2, "0")}`;
        }
    }
    return out;
}
function median(values) {
    if (values.length === 0)
        return null;
    const sorted = [...values].sort((a, b) => a - b);
    const mid = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}
/** Bins tickets into `periods` by the local date they were asked on. Pure. */
function countQa(tickets, periods, timezone) {
    const bins = periods.map((p) => ({ period: p, tickets: [] }));
    for (const t of tickets) {
        const day = (0, time_1.localDate)(new Date(t.askedAt), timezone);
        bins.find((b) => b.period.from <= day && day <= b.period.to)?.tickets.push(t);
    }
    return bins.map(({ period, tickets: ts }) => {
        const waits = ts.filter((t) => t.answeredAt !== null).map((t) => t.answeredAt - t.askedAt);
        return {
            ...period,
            asked: ts.length,
            answered: waits.length,
            delivered: ts.filter((t) => t.deliveredAt !== null).length,
            answeredWithin48h: waits.filter((w) => w <= reply_window_1.REPLY_WINDOW_MS).length,
            medianAnswerMs: median(waits),
        };
    });
}
/** The figures per `unit` for the periods covering [from, to], read from the store. */
function readQaCounts(store, accountId, unit, from, to, timezone) {
    const periods = periodsBetween(unit, from, to);
    if (periods.length === 0)
        return [];
    const start = new Date((0, dates_1.dayStart)(periods[0].from, timezone));
    const end = new Date((0, dates_1.dayStart)((0, dates_1.addDays)(periods[periods.length - 1].to, 1), timezone));
    return countQa(store.times(accountId, start, end), periods, timezone);
}
/** Sums periods (e.g. for a report's total line); the median is over all answered tickets. */
function totalQa(tickets) {
    const [total] = countQa(tickets, [{ unit: "month", key: "total", from: "0000-01-01", to: "9999-12-31" }], "UTC");
    const { unit: _u, key: _k, from: _f, to: _t, ...figures } = total;
    return figures;
}
/** "3小时20分", "45分", "2天5小时" for staff; "—" when there is nothing to show. */
function formatDuration(ms) {
    if (ms === null)
        return "—";
    const minutes = Math.round(ms / 60_000);
    if (minutes < 60)
        return `${minutes}分`;
    const hours = Math.floor(minutes / 60);
    if (hours < 48)
        return `${hours}小时${minutes % 60 ? `${minutes % 60}分` : ""}`;
    return `${Math.floor(hours / 24)}天${hours % 24 ? `${hours % 24}小时` : ""}`;
}
//# sourceMappingURL=count-qa.js.map