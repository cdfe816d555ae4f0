import { RequestError } from "../../errors";
import { addDays, daysBetween, isDate } from "../../stats/dates";
import type { DateRange } from "./page-model";

/** Longest range a page shows (two years and a bit: the bench's and the League's horizon). */
export const MAX_RANGE_DAYS = 800;
export const DEFAULT_RANGE_DAYS = 30;

/**
 * The date range of a request (?from=YYYY-MM-DD&to=YYYY-MM-DD, or CLI --from/--to): the last 30
 * days up to today by default. Refuses bad dates and ranges with a 400 whose message says why.
 */
export function resolveRange(input: { from?: string | undefined; to?: string | undefined }, today: string): DateRange {
  const to = input.to || today;
  const from = input.from || addDays(to, -(DEFAULT_RANGE_DAYS - 1));
  for (const [name, v] of [["from", from], ["to", to]] as const) {
    if (!isDate(v)) throw new RequestError("bad_range", `${name}: expected a date like 2026-11-01, not "${v}"`, 400);
  }
  if (from > to) throw new RequestError("bad_range", `from (${from}) is after to (${to})`, 400);
  if (daysBetween(from, to) + 1 > MAX_RANGE_DAYS) {
    throw new RequestError("bad_range", `at most ${MAX_RANGE_DAYS} days at once (asked ${daysBetween(from, to) + 1})`, 400);
  }
  return { from, to };
}

/** ?month=YYYY-MM, the current month by default. */
export function resolveMonth(input: string | undefined, today: string): string {
  const month = input || today.slice(0, 7);
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(month)) throw new RequestError("bad_month", `month: expected a month like 2026-11, not "${month}"`, 400);
  return month;
}
