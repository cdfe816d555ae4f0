import { dayjs } from "../time";

/**
 * Calendar arithmetic on local dates ("YYYY-MM-DD"), as WeChat's ref_date and our day rollups use
 * them. Pure string/UTC math: no time zone is involved until a date becomes an instant (dayStart).
 */

const DATE_RE = /^\d{4}-\d{2}-\d{2}$/;

export function isDate(s: string): boolean {
  return DATE_RE.test(s) && dayjs(s, "YYYY-MM-DD", true).isValid();
}

export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split("-").map(Number);
  return new Date(Date.UTC(y!, m! - 1, d! + days)).toISOString().slice(0, 10);
}

/** Whole days from `a` to `b` (b − a). */
export function daysBetween(a: string, b: string): number {
  const toUtc = (s: string) => {
    const [y, m, d] = s.split("-").map(Number);
    return Date.UTC(y!, m! - 1, d!);
  };
  return Math.round((toUtc(b) - toUtc(a)) / 86_400_000);
}

/** Every date from `from` to `to`, inclusive. */
export function eachDay(from: string, to: string): string[] {
  const out: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) out.push(d);
  return out;
}

export const minDate = (a: string, b: string) => (a < b ? a : b);
export const maxDate = (a: string, b: string) => (a > b ? a : b);

/** The instant a local date begins in `tz`. */
export function dayStart(date: string, tz: string): number {
  return dayjs.tz(date, tz).valueOf();
}

/** "2026-11" → first and last date of the month. */
export function monthDates(month: string): { first: string; last: string } {
  const first = `${month}-01`;
  const last = dayjs(first, "YYYY-MM-DD", true).endOf("month").format("YYYY-MM-DD");
  return { first, last };
}

/** "2026-11-30" → "2026年11月30日", the League's written form. */
export function chineseDate(date: string): string {
  const [y, m, d] = date.split("-").map(Number);
  return `${y}年${m}月${d}日`;
}

const minuteFormats = new Map<string, Intl.DateTimeFormat>();

/**
 * Unix ms → "YYYY-MM-DD HH:mm" in `tz`, for table cells. A cached Intl formatter (sv-SE writes
 * ISO-like dates): dayjs' tz plugin costs ~100 µs a call, too much for a few hundred rows a page.
 */
export function formatMinute(ms: number, tz: string): string {
  let f = minuteFormats.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat("sv-SE", { timeZone: tz, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
    minuteFormats.set(tz, f);
  }
  return f.format(ms);
}
