"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parsePublishAt = parsePublishAt;
const time_1 = require("../time");
const PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const EXAMPLE = "write it like 2026-12-01 09:00 (Beijing time) or 2026-12-01 09:00 +06:00";
/**
 * publish_at as editors write it: "2026-12-01 09:00", "2026-12-01T09:00:30", optionally with an
 * offset ("+08:00", "+0600", "Z"). A time without an offset is in `timezone` (SCHEDULE_TIMEZONE,
 * Asia/Shanghai): 轮台 is on Beijing time officially, though 新疆时间 (UTC+6) is common in daily
 * life (anchors.md D, lesson 1), so an editor who means Xinjiang time writes "+06:00".
 * A date without a time is refused: a push to every phone needs a deliberate hour.
 */
function parsePublishAt(text, timezone) {
    const m = PATTERN.exec(text.trim());
    if (!m)
        return { ok: false, problem: `"${text}" is not a date and time; ${EXAMPLE}` };
    const [, y, mo, d, h, mi, s, offset] = m;
    if (h === undefined)
        return { ok: false, problem: `"${text}" has no time of day; ${EXAMPLE}` };
    const parts = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s ?? 0) };
    const probe = new Date(Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s));
    if (probe.getUTCFullYear() !== parts.y ||
        probe.getUTCMonth() !== parts.mo - 1 ||
        probe.getUTCDate() !== parts.d ||
        probe.getUTCHours() !== parts.h ||
        probe.getUTCMinutes() !== parts.mi ||
        parts.s > 59) {
        return { ok: false, problem: `"${text}" is not a real date and time (check the day of the month and the hour 0–23)` };
    }
    const local = `${y}-${pad(parts.mo)}-${pad(parts.d)}T${pad(parts.h)}:${mi}:${pad(parts.s)}`;
    if (offset === undefined)
        return { ok: true, at: time_1.dayjs.tz(local, timezone).toDate() };
    if (offset.toUpperCase() === "Z")
        return { ok: true, at: new Date(`${local}Z`) };
    const sign = offset[0] === "-" ? -1 : 1;
    const digits = offset.slice(1).replace(":", "");
    const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
    if (Math.abs(minutes) > 14 * 60)
        return { ok: false, problem: `"${text}" has an impossible UTC offset ${offset}` };
    return { ok: true, at: new Date(probe.getTime() - minutes * 60_000) };
}
const pad = (n) => String(n).padStart(2, "0");
//# sourceMappingURL=parse-publish-at.js.map