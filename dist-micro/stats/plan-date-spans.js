"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DATACUBE_FIRST_DATE = void 0;
exports.backfillWindow = backfillWindow;
exports.planDateSpans = planDateSpans;
const dates_1 = require("./dates");
/** datacube has no data before this date (analysis_data doc; protocol §5.8). */
exports.DATACUBE_FIRST_DATE = "2014-12-01";
/** The dates a run should fetch, or undefined when there is nothing to do. */
function backfillWindow(input) {
    const { syncedThrough, yesterday, initialDays, refetchDays } = input;
    const refetchFrom = (0, dates_1.addDays)(yesterday, -(refetchDays - 1));
    const from = syncedThrough === undefined ? (0, dates_1.addDays)(yesterday, -(initialDays - 1)) : (0, dates_1.minDate)((0, dates_1.addDays)(syncedThrough, 1), refetchFrom);
    const begin = (0, dates_1.maxDate)(from, exports.DATACUBE_FIRST_DATE);
    return begin <= yesterday ? { beginDate: begin, endDate: yesterday } : undefined;
}
/**
 * Cuts [beginDate, endDate] into consecutive ranges of at most `maxDays` days, oldest first:
 * getusersummary / getusercumulate take 7, getarticlesummary / getarticletotal 1 (protocol §5.8).
 */
function planDateSpans(window, maxDays) {
    if (maxDays < 1)
        throw new Error(`stats: maxDays must be at least 1, not ${maxDays}`);
    const spans = [];
    for (let begin = window.beginDate; begin <= window.endDate; begin = (0, dates_1.addDays)(begin, maxDays)) {
        spans.push({ beginDate: begin, endDate: (0, dates_1.minDate)((0, dates_1.addDays)(begin, maxDays - 1), window.endDate) });
    }
    return spans;
}
//# sourceMappingURL=plan-date-spans.js.map