import type { Activity, RuleCount, TextCount, TypeCount } from "../db/stores/stats-message-store";
import { localDate } from "../time";
import { addDays, dayStart, maxDate, minDate } from "./dates";
import { rollupMessageDays } from "./rollup-messages";
import type { StatsContext } from "./stats-context";

type Daily<T> = T & { day: string };

/** The message log over a date range, per day: rolled-up days from stats_*_days, newer days live. */
export interface MessageDays {
  types: Daily<TypeCount>[];
  rules: Daily<RuleCount>[];
  activity: Daily<Activity>[];
  unmatched: Daily<TextCount>[];
  /** Days read from inbound_messages directly (today, and any day not rolled up yet). */
  liveDays: string[];
}

/**
 * Reads [from, to]. Closed days come from the rollups (first catching up a few missing days, so a
 * dashboard opened before the job ran stays fast); today and anything newer than the rollup
 * watermark are aggregated from the log itself (one day is ~1–2 k rows through the time index).
 */
export function readMessageDays(ctx: StatsContext, from: string, to: string): MessageDays {
  const { stores, accountId } = ctx;
  rollupMessageDays(ctx, ctx.rollupBudgetDays ?? 14);
  const through = stores.sync.get(accountId, "message_rollup")?.syncedThrough ?? null;
  const result: MessageDays = { types: [], rules: [], activity: [], unmatched: [], liveDays: [] };
  if (through !== null && from <= through) {
    const end = minDate(to, through);
    result.types = stores.messages.typesByDay(accountId, from, end);
    result.rules = stores.messages.rulesByDay(accountId, from, end);
    result.activity = stores.messages.activityByDay(accountId, from, end);
    result.unmatched = stores.messages.unmatchedByDay(accountId, from, end);
  }
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const liveFrom = through === null ? from : maxDate(from, addDays(through, 1));
  const liveTo = minDate(to, today);
  for (let day = liveFrom; day <= liveTo; day = addDays(day, 1)) {
    const r = stores.messages.aggregate(accountId, day, dayStart(day, ctx.timezone), dayStart(addDays(day, 1), ctx.timezone));
    result.liveDays.push(day);
    const hasAny = r.types.length > 0;
    result.types.push(...r.types.map((t) => ({ ...t, day })));
    result.rules.push(...r.rules.map((t) => ({ ...t, day })));
    if (hasAny) result.activity.push({ ...r.activity, day });
    result.unmatched.push(...r.unmatched.map((t) => ({ ...t, day })));
  }
  return result;
}

/** Activity summed over [from, to] (all-time totals for the report), rollups plus live days. */
export function readActivityTotal(ctx: StatsContext, from: string, to: string): Activity {
  const { stores, accountId } = ctx;
  rollupMessageDays(ctx, ctx.rollupBudgetDays ?? 14);
  const through = stores.sync.get(accountId, "message_rollup")?.syncedThrough ?? null;
  const total: Activity = { youths: 0, messages: 0, events: 0, answered: 0, unmatched: 0 };
  const add = (a: Activity) => {
    for (const k of Object.keys(total) as (keyof Activity)[]) total[k] += a[k];
  };
  if (through !== null && from <= through) add(stores.messages.activityTotal(accountId, from, minDate(to, through)));
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const liveTo = minDate(to, today);
  for (let day = through === null ? from : maxDate(from, addDays(through, 1)); day <= liveTo; day = addDays(day, 1)) {
    add(stores.messages.aggregate(accountId, day, dayStart(day, ctx.timezone), dayStart(addDays(day, 1), ctx.timezone)).activity);
  }
  return total;
}

/** The first local day of the message log, if any. */
export function firstMessageDay(ctx: StatsContext): string | undefined {
  const first = ctx.stores.messages.firstReceivedAt(ctx.accountId);
  return first === undefined ? undefined : localDate(new Date(first), ctx.timezone);
}

/** Sums `n` by a key over daily rows. */
export function sumBy<T extends { n: number }>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
  return out;
}
