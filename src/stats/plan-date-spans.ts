import type { DateRange } from "../wechat/endpoints/datacube";
import { addDays, maxDate, minDate } from "./dates";

/** datacube has no data before this date (analysis_data doc; protocol §5.8). */
export const DATACUBE_FIRST_DATE = "2014-12-01";

export interface BackfillWindowInput {
  /** Last date already stored completely; undefined before the first run. */
  syncedThrough: string | undefined;
  /** The newest date datacube can answer: yesterday (today's figures never exist). */
  yesterday: string;
  /** First run: how many days back to start. */
  initialDays: number;
  /** The endpoint's first day with data (DATACUBE_FIRST_DATE unless it is younger). */
  firstDate?: string;
  /**
   * Days before `yesterday` fetched again every run: WeChat sometimes answers an empty list at
   * 08:30 and fills it in later (protocol §5.8), and article totals keep growing for 7 days.
   */
  refetchDays: number;
}

/** The dates a run should fetch, or undefined when there is nothing to do. */
export function backfillWindow(input: BackfillWindowInput): DateRange | undefined {
  const { syncedThrough, yesterday, initialDays, refetchDays } = input;
  const refetchFrom = addDays(yesterday, -(refetchDays - 1));
  const from = syncedThrough === undefined ? addDays(yesterday, -(initialDays - 1)) : minDate(addDays(syncedThrough, 1), refetchFrom);
  const begin = maxDate(from, input.firstDate ?? DATACUBE_FIRST_DATE);
  return begin <= yesterday ? { beginDate: begin, endDate: yesterday } : undefined;
}

/**
 * Cuts [beginDate, endDate] into consecutive ranges of at most `maxDays` days, oldest first:
 * getusersummary / getusercumulate take 7, getarticlesummary / getarticletotal 1 (protocol §5.8).
 */
export function planDateSpans(window: DateRange, maxDays: number): DateRange[] {
  if (maxDays < 1) throw new Error(`stats: maxDays must be at least 1, not ${maxDays}`);
  const spans: DateRange[] = [];
  for (let begin = window.beginDate; begin <= window.endDate; begin = addDays(begin, maxDays)) {
    spans.push({ beginDate: begin, endDate: minDate(addDays(begin, maxDays - 1), window.endDate) });
  }
  return spans;
}
