"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.pickOnDuty = pickOnDuty;
exports.onDutyNames = onDutyNames;
const time_1 = require("../time");
/**
 * Round-robin among the cadres on duty (轮值, as 河南's duty teams run it): of those on duty on the
 * day `at` falls on in `timezone`, the one whose last rota ticket is the oldest (never = first),
 * ties in rota order. Pure; undefined when nobody is on duty that day.
 *
 * @param lastTicket per name, the id of the last ticket the rota gave them (ids only grow)
 */
function pickOnDuty(rota, lastTicket, at, timezone) {
    const day = (0, time_1.dayjs)(at).tz(timezone).day();
    let best;
    let bestLast = Infinity;
    for (const cadre of rota) {
        if (!cadre.days.has(day))
            continue;
        const last = lastTicket.get(cadre.name) ?? 0;
        if (last < bestLast) {
            best = cadre;
            bestLast = last;
        }
    }
    return best;
}
/** The rota's names on duty on the day `at` falls on, in rota order (for the dashboard). */
function onDutyNames(rota, at, timezone) {
    const day = (0, time_1.dayjs)(at).tz(timezone).day();
    return rota.filter((c) => c.days.has(day)).map((c) => c.name);
}
//# sourceMappingURL=pick-on-duty.js.map