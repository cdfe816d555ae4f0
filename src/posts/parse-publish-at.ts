import { dayjs } from "../time";

const PATTERN = /^(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?$/i;

export type PublishAtResult = { ok: true; at: Date } | { ok: false; problem: string };

const EXAMPLE = "写成 2026-12-08 20:00 这样的格式（北京时间；新疆时间写 2026-12-08 20:00 +06:00）";

/**
 * publish_at as editors write it: "2026-12-01 09:00", "2026-12-01T09:00:30", optionally with an
 * offset ("+08:00", "+0600", "Z"). A time without an offset is in `timezone` (SCHEDULE_TIMEZONE,
 * Asia/Shanghai): 轮台 is on Beijing time officially, though 新疆时间 (UTC+6) is common in daily
 * life (anchors.md D, lesson 1), so an editor who means Xinjiang time writes "+06:00".
 * A date without a time is refused: a push to every phone needs a deliberate hour.
 */
export function parsePublishAt(text: string, timezone: string): PublishAtResult {
  const m = PATTERN.exec(text.trim());
  if (!m) return { ok: false, problem: `「${text}」不是日期和时间：${EXAMPLE}` };
  const [, y, mo, d, h, mi, s, offset] = m;
  if (h === undefined) return { ok: false, problem: `「${text}」只有日期，没有几点几分：${EXAMPLE}` };
  const parts = { y: Number(y), mo: Number(mo), d: Number(d), h: Number(h), mi: Number(mi), s: Number(s ?? 0) };
  const probe = new Date(Date.UTC(parts.y, parts.mo - 1, parts.d, parts.h, parts.mi, parts.s));
  if (
    probe.getUTCFullYear() !== parts.y ||
    probe.getUTCMonth() !== parts.mo - 1 ||
    probe.getUTCDate() !== parts.d ||
    probe.getUTCHours() !== parts.h ||
    probe.getUTCMinutes() !== parts.mi ||
    parts.s > 59
  ) {
    return { ok: false, problem: `「${text}」这个日期或时间不存在：检查几月几日和小时（0–23）` };
  }
  const local = `${y}-${pad(parts.mo)}-${pad(parts.d)}T${pad(parts.h)}:${mi}:${pad(parts.s)}`;
  if (offset === undefined) return { ok: true, at: dayjs.tz(local, timezone).toDate() };
  if (offset.toUpperCase() === "Z") return { ok: true, at: new Date(`${local}Z`) };
  const sign = offset[0] === "-" ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const minutes = sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0));
  if (Math.abs(minutes) > 14 * 60) return { ok: false, problem: `「${text}」的时区 ${offset} 不存在：北京时间不用写时区，新疆时间写 +06:00` };
  return { ok: true, at: new Date(probe.getTime() - minutes * 60_000) };
}

const pad = (n: number) => String(n).padStart(2, "0");
