"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.maxDate = exports.minDate = void 0;
exports.isDate = isDate;
exports.addDays = addDays;
exports.daysBetween = daysBetween;
exports.eachDay = eachDay;
exports.dayStart = dayStart;
exports.monthDates = monthDates;
exports.chineseDate = chineseDate;
exports.formatMinute = formatMinute;
const time_1 = require("../time");
/**
 * Calendar arithmetic on local dates ("YYYY-MM-DD"), as WeChat's ref_date and our day rollups use
 * them. Pure string/UTC math: no time zone is involved until a date becomes an instant (dayStart).
 */
const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;
function isDate(s) {
    return DATE_RE.test(s) && (0, time_1.dayjs)(s, "YYYY-MM-DD", true).isValid();
}
function addDays(date, days) {
    const [y, m, d] = date.split("-").map(Number);
    return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}
/** Whole days from `a` to `b` (b − a). */
function daysBetween(a, b) {
    const toUtc = (s) => {
        const [y, m, d] = s.split("-").map(Number);
        return Date.UTC(y, m - 1, d);
    };
    return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}
/** Every date from `from` to `to`, inclusive. */
function eachDay(from, to) {
    const out = [];
    for (let d = from; d <= to; d = addDays(d, 1))
        out.push(d);
    return out;
}
const minDate = (a, b) => (a < b ? a : b);
exports.minDate = minDate;
const maxDate = (a, b) => (a > b ? a : b);
exports.maxDate = maxDate;
/** The instant a local date begins in `tz`. */
function dayStart(date, tz) {
    return time_1.dayjs.tz(date, tz).valueOf();
}
/** "2026-11" → first and last date of the month. */
function monthDates(month) {
    const first = `${month}-01`;
    const last = (0, time_1.dayjs)(first, "YYYY-MM-DD", true).endOf("month").format("YYYY-MM-DD");
    return { first, last };
}
/** "2026-11-30" → "2026年11月30日", the League's written form. */
function chineseDate(date) {
    const [y, m, d] = date.split("-").map(Number);
    return `${y}年${m}月${d}日`;
}
const minuteFormats = new Map();
/**
 * Unix ms → "YYYY-MM-DD HH:mm" in `tz`, for table cells. A cached Intl formatter (sv-SE writes
 * ISO-like dates): dayjs' tz plugin costs ~100 µs a call, too much for a few hundred rows a page.
 */
function formatMinute(ms, tz) {
    let f = minuteFormats.get(tz);
    if (!f) {
        f = new Intl.DateTimeFormat("sv-SE", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
        minuteFormats.set(tz, f);
    }
    return f.format(ms);
}
//# sourceMappingURL=dates.js.map