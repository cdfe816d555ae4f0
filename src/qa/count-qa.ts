/**
 * 青年之声 figures per week and per month, as the League's platforms report them ("提问 11,495,
 * 答复 10,044"): asked, answered, delivered, answered within 48 h, median time to answer.
 *
 * Counted by the period the question was ASKED in (a cohort): "answered" is how many of that
 * week's questions have an answer by now, so answered ≤ asked always holds and a late answer
 * raises its own week's figure. Not-a-question tickets are left out. Weeks run Monday to Sunday
 * and months are calendar months, both in SCHEDULE_TIMEZONE (Asia/Shanghai) whatever the
 * server's TZ.
 */
import type { QaTicketStore, TicketTimes } from "../db/stores/qa-ticket-store";
import { addDays, dayStart } from "../stats/dates";
import { localDate } from "../time";
import { REPLY_WINDOW_MS } from "../inbox/reply-window";

export type QaPeriodUnit = "week" | "month";

export interface QaPeriod {
  unit: QaPeriodUnit;
  /** "2026-W49" (ISO week) or "2026-12". */
  key: string;
  /** First and last local date, inclusive. */
  from: string;
  to: string;
}

export interface QaCounts extends QaPeriod {
  asked: number;
  answered: number;
  delivered: number;
  answeredWithin48h: number;
  /** Median of answered_at − asked_at over the answered ones; null when none is answered. */
  medianAnswerMs: number | null;
}

const weekdayOf = (date: string): number => new Date(`${date}T00:00:00Z`).getUTCDay();

/** The Monday of the week `date` falls in. */
export function mondayOf(date: string): string {
  return addDays(date, -((weekdayOf(date) + 6) % 7));
}

/** ISO 8601 week key: the week belongs to the year its Thursday is in. */
export function isoWeekKey(monday: string): string {
  const thursday = addDays(monday, 3);
  const year = Number(thursday.slice(0, 4));
  const jan1 = Date.UTC(year, 0, 1);
  const week = 1 + Math.floor((Date.parse(`${thursday}T00:00:00Z`) - jan1) / (7 * 86_400_000));
  return `${year}-W${String(week).padStart(2, "0")}`;
}

function lastOfMonth(month: string): string {
  const [y, m] = month.split("-").map(Number);
  return new Date(Date.UTC(y!, m!, 0)).toISOString().slice(0, 10);
}

/** The periods covering [from, to] (local dates), oldest first. */
export function periodsBetween(unit: QaPeriodUnit, from: string, to: string): QaPeriod[] {
  const out: QaPeriod[] = [];
  if (unit === "week") {
    for (let monday = mondayOf(from); monday <= to; monday = addDays(monday, 7)) {
      out.push({ unit, key: isoWeekKey(monday), from: monday, to: addDays(monday, 6) });
    }
  } else {
    for (let month = from.slice(0, 7); `${month}-01` <= to; ) {
      out.push({ unit, key: month, from: `${month}-01`, to: lastOfMonth(month) });
      const [y, m] = month.split("-").map(Number);
      month = m === 12 ? `${y! + 1}-01` : `${y}-${String(m! + 1).padStart(2, "0")}`;
    }
  }
  return out;
}

export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Bins tickets into `periods` by the local date they were asked on. Pure. */
export function countQa(tickets: readonly TicketTimes[], periods: readonly QaPeriod[], timezone: string): QaCounts[] {
  const bins = periods.map((p) => ({ period: p, tickets: [] as TicketTimes[] }));
  for (const t of tickets) {
    const day = localDate(new Date(t.askedAt), timezone);
    bins.find((b) => b.period.from <= day && day <= b.period.to)?.tickets.push(t);
  }
  return bins.map(({ period, tickets: ts }) => {
    const waits = ts.filter((t) => t.answeredAt !== null).map((t) => t.answeredAt! - t.askedAt);
    return {
      ...period,
      asked: ts.length,
      answered: waits.length,
      delivered: ts.filter((t) => t.deliveredAt !== null).length,
      answeredWithin48h: waits.filter((w) => w <= REPLY_WINDOW_MS).length,
      medianAnswerMs: median(waits),
    };
  });
}

/** The figures per `unit` for the periods covering [from, to], read from the store. */
export function readQaCounts(
  store: QaTicketStore,
  accountId: string,
  unit: QaPeriodUnit,
  from: string,
  to: string,
  timezone: string,
): QaCounts[] {
  const periods = periodsBetween(unit, from, to);
  if (periods.length === 0) return [];
  const start = new Date(dayStart(periods[0]!.from, timezone));
  const end = new Date(dayStart(addDays(periods[periods.length - 1]!.to, 1), timezone));
  return countQa(store.times(accountId, start, end), periods, timezone);
}

/** Sums periods (e.g. for a report's total line); the median is over all answered tickets. */
export function totalQa(tickets: readonly TicketTimes[]): Omit<QaCounts, keyof QaPeriod> {
  const [total] = countQa(tickets, [{ unit: "month", key: "total", from: "0000-01-01", to: "9999-12-31" }], "UTC");
  const { unit: _u, key: _k, from: _f, to: _t, ...figures } = total!;
  return figures;
}

/** "3小时20分", "45分", "2天5小时" for staff; "—" when there is nothing to show. */
export function formatDuration(ms: number | null): string {
  if (ms === null) return "—";
  const minutes = Math.round(ms / 60_000);
  if (minutes < 60) return `${minutes}分`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `${hours}小时${minutes % 60 ? `${minutes % 60}分` : ""}`;
  return `${Math.floor(hours / 24)}天${hours % 24 ? `${hours % 24}小时` : ""}`;
}
