"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_RANGE_DAYS = exports.MAX_RANGE_DAYS = void 0;
exports.resolveRange = resolveRange;
exports.resolveMonth = resolveMonth;
const errors_1 = require("../../errors");
const dates_1 = require("../../stats/dates");
/** Longest range a page shows (two years and a bit: the bench's and the League's horizon). */
exports.MAX_RANGE_DAYS = 800;
exports.DEFAULT_RANGE_DAYS = 30;
/**
 * The date range of a request (?from=YYYY-MM-DD&to=YYYY-MM-DD, or CLI --from/--to): the last 30
 * days up to today by default. Refuses bad dates and ranges with a 400 whose message says why.
 */
function resolveRange(input, today) {
    const to = input.to || today;
    const from = input.from || (0, dates_1.addDays)(to, -(exports.DEFAULT_RANGE_DAYS - 1));
    for (const [name, v] of [["from", from], ["to", to]]) {
        if (!(0, dates_1.isDate)(v))
            throw new errors_1.RequestError("bad_range", `${name}: expected a date like 2026-11-01, not "${v}"`, 400);
    }
    if (from > to)
        throw new errors_1.RequestError("bad_range", `from (${from}) is after to (${to})`, 400);
    if ((0, dates_1.daysBetween)(from, to) + 1 > exports.MAX_RANGE_DAYS) {
        throw new errors_1.RequestError("bad_range", `at most ${exports.MAX_RANGE_DAYS} days at once (asked ${(0, dates_1.daysBetween)(from, to) + 1})`, 400);
    }
    return { from, to };
}
/** ?month=YYYY-MM, the current month by default. */
function resolveMonth(input, today) {
    const month = input || today.slice(0, 7);
    if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month))
        throw new errors_1.RequestError("bad_month", `month: expected a month like 2026-11, not "${month}"`, 400);
    return month;
}
//# sourceMappingURL=resolve-range.js.map