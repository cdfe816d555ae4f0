"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_TIMEZONE = exports.systemClock = exports.dayjs = void 0;
exports.fixedClock = fixedClock;
exports.unixSeconds = unixSeconds;
exports.localDate = localDate;
exports.startOfLocalDay = startOfLocalDay;
exports.formatLocal = formatLocal;
const dayjs_1 = __importDefault(require("dayjs"));
exports.dayjs = dayjs_1.default;
const utc_1 = __importDefault(require("dayjs/plugin/utc"));
const timezone_1 = __importDefault(require("dayjs/plugin/timezone"));
const customParseFormat_1 = __importDefault(require("dayjs/plugin/customParseFormat"));
dayjs_1.default.extend(utc_1.default);
dayjs_1.default.extend(timezone_1.default);
dayjs_1.default.extend(customParseFormat_1.default);
exports.systemClock = { now: () => new Date() };
/** A clock that stays where it is put; `advance` moves it forward (tests, simulations). */
function fixedClock(start) {
    let t = new Date(start).getTime();
    return {
        now: () => new Date(t),
        set: (d) => {
            t = new Date(d).getTime();
        },
        advance: (ms) => {
            t += ms;
        },
    };
}
/** The League works on Beijing time whatever the server's TZ: day boundaries are computed here. */
exports.DEFAULT_TIMEZONE = "Asia/Shanghai";
/** Unix seconds, as WeChat's CreateTime and timestamp use. */
function unixSeconds(d) {
    return Math.floor(d.getTime() / 1000);
}
/** "YYYY-MM-DD" of the day `d` falls on in `tz`. */
function localDate(d, tz = exports.DEFAULT_TIMEZONE) {
    return (0, dayjs_1.default)(d).tz(tz).format("YYYY-MM-DD");
}
/** Start of the local day (in `tz`) that `d` falls on, as an instant. */
function startOfLocalDay(d, tz = exports.DEFAULT_TIMEZONE) {
    return (0, dayjs_1.default)(d).tz(tz).startOf("day").toDate();
}
/** Formats an instant for people: "2026-12-01 09:00" in `tz`. */
function formatLocal(d, tz = exports.DEFAULT_TIMEZONE, fmt = "YYYY-MM-DD HH:mm") {
    return (0, dayjs_1.default)(d).tz(tz).format(fmt);
}
//# sourceMappingURL=time.js.map