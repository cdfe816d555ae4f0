import type { Activity, RuleCount, TextCount, TypeCount } from "../db/stores/stats-message-store";
import { localDate } from "../time";
import { addDays, dayStart, maxDate, minDate } from "./dates";
import { rollupMessageDays } from "./rollup-messages";
import type { StatsContext } from "./stats-context";

type Daily<T> = T & { day: string };

/** The message log over a date range: rolled-up days from stats_*_days, newer days live. */
export interface MessageDays {
  /** Pushes per day and type. */
  types: Daily<{ msgType: string; n: number }>[];
  activity: Daily<Activity>[];
  /** Over the whole range: subscribe / scan per QR scene (when asked for). */
  scenes: TypeCount[];
  /** Over the whole range: routed pushes per column, rule and mode (when asked for). */
  rules: RuleCount[];
  /** Over the whole range: the most frequent unmatched texts, most frequent first (when asked for). */
  unmatched: TextCount[];
  /** Days read from inbound_messages directly (today, and any day not rolled up yet). */
  liveDays: string[];
}

export type MessagePart = "scenes" | "rules" | "unmatched";

/** Unmatched texts taken from the rollups before merging with live days (the tail beyond is noise). */
const UNMATCHED_CANDIDATES = 200;

function add<T extends { n: number }>(into: Map<string, T>, key: string, row: T): void {
  const known = into.get(key);
  if (known) known.n += row.n;
  else into.set(key, { ...row });
}

/**
 * Reads [from, to]. Closed days come from the rollups (first catching up a few missing days, so a
 * dashboard opened before the job ran stays fast); today and anything newer than the rollup
 * watermark are aggregated from the log itself (one day is a few small GROUP BY queries).
 * Per-day types and activity always; range totals only for the `parts` asked for.
 */
export function readMessageDays(ctx: StatsContext, from: string, to: string, parts: readonly MessagePart[] = ["scenes", "rules", "unmatched"]): MessageDays {
  const { stores, accountId } = ctx;
  rollupMessageDays(ctx, ctx.rollupBudgetDays ?? 14);
  const through = stores.sync.get(accountId, "message_rollup")?.syncedThrough ?? null;
  const result: MessageDays = { types: [], activity: [], scenes: [], rules: [], unmatched: [], liveDays: [] };
  const scenes = new Map<string, TypeCount>();
  const rules = new Map<string, RuleCount>();
  const texts = new Map<string, TextCount>();
  if (through !== null && from <= through) {
    const end = minDate(to, through);
    result.types = stores.messages.typesByDay(accountId, from, end);
    result.activity = stores.messages.activityByDay(accountId, from, end);
    if (parts.includes("scenes")) for (const s of stores.messages.scenes(accountId, from, end)) add(scenes, `${s.msgType}\u0000${s.scene}`, s);
    if (parts.includes("rules")) for (const r of stores.messages.ruleTotals(accountId, from, end)) add(rules, `${r.columnId}\u0000${r.ruleId}\u0000${r.matchMode}`, r);
    if (parts.includes("unmatched")) for (const t of stores.messages.topUnmatched(accountId, from, end, UNMATCHED_CANDIDATES)) add(texts, t.content, t);
  }
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const liveTo = minDate(to, today);
  for (let day = through === null ? from : maxDate(from, addDays(through, 1)); day <= liveTo; day = addDays(day, 1)) {
    const r = stores.messages.aggregate(accountId, day, dayStart(day, ctx.timezone), dayStart(addDays(day, 1), ctx.timezone));
    result.liveDays.push(day);
    if (r.types.length === 0) continue;
    const perType = new Map<string, { msgType: string; n: number; day: string }>();
    for (const t of r.types) {
      add(perType, t.msgType, { msgType: t.msgType, n: t.n, day });
      if (t.scene !== "") add(scenes, `${t.msgType}\u0000${t.scene}`, t);
    }
    result.types.push(...perType.values());
    result.activity.push({ ...r.activity, day });
    for (const x of r.rules) add(rules, `${x.columnId}\u0000${x.ruleId}\u0000${x.matchMode}`, x);
    for (const t of r.unmatched) add(texts, t.content, t);
  }
  if (parts.includes("scenes")) result.scenes = [...scenes.values()];
  if (parts.includes("rules")) result.rules = [...rules.values()];
  if (parts.includes("unmatched")) result.unmatched = [...texts.values()].sort((a, b) => b.n - a.n || (a.content < b.content ? -1 : 1));
  return result;
}

/** Activity summed over [from, to] (all-time totals for the report), rollups plus live days. */
export function readActivityTotal(ctx: StatsContext, from: string, to: string): Activity {
  const { stores, accountId } = ctx;
  rollupMessageDays(ctx, ctx.rollupBudgetDays ?? 14);
  const through = stores.sync.get(accountId, "message_rollup")?.syncedThrough ?? null;
  const total: Activity = { youths: 0, messages: 0, events: 0, system: 0, answered: 0, unmatched: 0 };
  const addActivity = (a: Activity) => {
    for (const k of Object.keys(total) as (keyof Activity)[]) total[k] += a[k];
  };
  if (through !== null && from <= through) addActivity(stores.messages.activityTotal(accountId, from, minDate(to, through)));
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const liveTo = minDate(to, today);
  for (let day = through === null ? from : maxDate(from, addDays(through, 1)); day <= liveTo; day = addDays(day, 1)) {
    addActivity(stores.messages.aggregate(accountId, day, dayStart(day, ctx.timezone), dayStart(addDays(day, 1), ctx.timezone)).activity);
  }
  return total;
}

/** The first local day of the message log, if any. */
export function firstMessageDay(ctx: StatsContext): string | undefined {
  const first = ctx.stores.messages.firstReceivedAt(ctx.accountId);
  return first === undefined ? undefined : localDate(new Date(first), ctx.timezone);
}

/** Sums `n` by a key over rows. */
export function sumBy<T extends { n: number }>(rows: readonly T[], key: (row: T) => string): Map<string, number> {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + r.n);
  return out;
}
