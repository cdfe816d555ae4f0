import type { Db } from "../open-database";
import { EVENT_TYPES, SYSTEM_TYPES } from "./message-row";

export interface TypeCount {
  msgType: string;
  /** QR scene of subscribe / scan, else "". */
  scene: string;
  n: number;
}

export interface RuleCount {
  /** "" when the push routed to no column (welcome, default reply, fixed menu texts). */
  columnId: string;
  ruleId: string;
  matchMode: string;
  n: number;
}

export interface Activity {
  /** Distinct youths who did anything (job-result pushes from WeChat itself excluded). */
  youths: number;
  /** Ordinary messages (text, voice, image, …), not events. */
  messages: number;
  events: number;
  /** Messages answered by a column (keyword, numbered menu). */
  answered: number;
  /** Messages that matched nothing and fell to the default reply (sent or withheld). */
  unmatched: number;
}

export interface TextCount {
  content: string;
  n: number;
}

/** One local day of the message log, aggregated. */
export interface DayRollup {
  day: string;
  types: TypeCount[];
  rules: RuleCount[];
  activity: Activity;
  /** The most frequent unmatched texts of the day (at most UNMATCHED_PER_DAY). */
  unmatched: TextCount[];
}

export interface RecentMessage {
  receivedAt: number;
  openId: string;
  msgType: string;
  content: string | null;
}

/** Unmatched texts kept per day; enough for a "top 20 over a month" list. */
export const UNMATCHED_PER_DAY = 100;
/** Longer texts are cut; a question that long is read in the message log, not in a chart. */
const TEXT_CHARS = 60;

/**
 * Reads inbound_messages for the rollups, and the rollup tables stats_*_days. Only days that are
 * over are rolled up; the stats layer reads newer days straight from the log (one day is small).
 */
export interface StatsMessageStore {
  firstReceivedAt(accountId: string): number | undefined;
  /** Aggregates the pushes received in [start, end) (Unix ms). */
  aggregate(accountId: string, day: string, start: number, end: number): DayRollup;
  /** Replaces the rollup rows of `rollup.day` (idempotent). */
  replaceDay(accountId: string, rollup: DayRollup): void;
  typesByDay(accountId: string, from: string, to: string): (TypeCount & { day: string })[];
  rulesByDay(accountId: string, from: string, to: string): (RuleCount & { day: string })[];
  activityByDay(accountId: string, from: string, to: string): (Activity & { day: string })[];
  /** Sums of the rolled-up days in [from, to] (youths: summed per day, not distinct). */
  activityTotal(accountId: string, from: string, to: string): Activity;
  unmatchedByDay(accountId: string, from: string, to: string): (TextCount & { day: string })[];
  /** The newest unmatched messages (the log, newest first). */
  recentUnmatched(accountId: string, limit: number): RecentMessage[];
  /** Youths whose last (un)subscribe we saw was a subscribe: a lower bound of the followers. */
  subscribedYouths(accountId: string): number;
}

interface LogRow {
  open_id: string;
  msg_type: string;
  scene: string | null;
  column_id: string | null;
  rule_id: string | null;
  match_mode: string | null;
  text: string | null;
}

type Range = { account_id: string; from: string; to: string };

export function createStatsMessageStore(db: Db): StatsMessageStore {
  const selectFirst = db.prepare<{ account_id: string }, { at: number | null }>(
    "SELECT min(received_at) AS at FROM inbound_messages WHERE account_id = @account_id",
  );
  // One pass over the day through inbound_messages_by_time; aggregated in JS (one scan, not four).
  const selectDay = db.prepare<{ account_id: string; start: number; end: number }, LogRow>(`
    SELECT open_id, msg_type, scene, column_id, rule_id, match_mode,
           CASE WHEN match_mode = 'default' THEN substr(trim(content), 1, ${TEXT_CHARS}) END AS text
    FROM inbound_messages
    WHERE account_id = @account_id AND received_at >= @start AND received_at < @end`);
  const deletes = ["stats_message_days", "stats_rule_days", "stats_activity_days", "stats_unmatched_days"].map((t) =>
    db.prepare(`DELETE FROM ${t} WHERE account_id = @account_id AND day = @day`),
  );
  const insertType = db.prepare(
    "INSERT INTO stats_message_days (account_id, day, msg_type, scene, n) VALUES (@account_id, @day, @msg_type, @scene, @n)",
  );
  const insertRule = db.prepare(`
    INSERT INTO stats_rule_days (account_id, day, column_id, rule_id, match_mode, n)
    VALUES (@account_id, @day, @column_id, @rule_id, @match_mode, @n)`);
  const insertActivity = db.prepare(`
    INSERT INTO stats_activity_days (account_id, day, youths, messages, events, answered, unmatched)
    VALUES (@account_id, @day, @youths, @messages, @events, @answered, @unmatched)`);
  const insertText = db.prepare(
    "INSERT INTO stats_unmatched_days (account_id, day, content, n) VALUES (@account_id, @day, @content, @n)",
  );
  const selectTypes = db.prepare<Range, TypeCount & { day: string }>(`
    SELECT day, msg_type AS msgType, scene, n FROM stats_message_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to`);
  const selectRules = db.prepare<Range, RuleCount & { day: string }>(`
    SELECT day, column_id AS columnId, rule_id AS ruleId, match_mode AS matchMode, n FROM stats_rule_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to`);
  const selectActivity = db.prepare<Range, Activity & { day: string }>(`
    SELECT day, youths, messages, events, answered, unmatched FROM stats_activity_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to ORDER BY day`);
  const selectActivityTotal = db.prepare<Range, Activity>(`
    SELECT coalesce(sum(youths), 0) AS youths, coalesce(sum(messages), 0) AS messages, coalesce(sum(events), 0) AS events,
           coalesce(sum(answered), 0) AS answered, coalesce(sum(unmatched), 0) AS unmatched
    FROM stats_activity_days WHERE account_id = @account_id AND day BETWEEN @from AND @to`);
  const selectTexts = db.prepare<Range, TextCount & { day: string }>(`
    SELECT day, content, n FROM stats_unmatched_days WHERE account_id = @account_id AND day BETWEEN @from AND @to`);
  // Walks inbound_messages_by_time backwards; unmatched messages are common enough to stop early.
  const selectRecent = db.prepare<{ account_id: string; limit: number }, RecentMessage>(`
    SELECT received_at AS receivedAt, open_id AS openId, msg_type AS msgType, content FROM inbound_messages
    WHERE account_id = @account_id AND match_mode = 'default'
    ORDER BY received_at DESC LIMIT @limit`);

  const countSubscribed = db.prepare<{ account_id: string }, { n: number }>(
    "SELECT count(*) AS n FROM youths WHERE account_id = @account_id AND subscribed = 1",
  );

  const replaceTx = db.transaction((accountId: string, r: DayRollup) => {
    const key = { account_id: accountId, day: r.day };
    for (const d of deletes) d.run(key);
    for (const t of r.types) insertType.run({ ...key, msg_type: t.msgType, scene: t.scene, n: t.n });
    for (const x of r.rules) insertRule.run({ ...key, column_id: x.columnId, rule_id: x.ruleId, match_mode: x.matchMode, n: x.n });
    insertActivity.run({ ...key, ...r.activity });
    for (const t of r.unmatched) insertText.run({ ...key, content: t.content, n: t.n });
  });

  return {
    firstReceivedAt: (accountId) => selectFirst.get({ account_id: accountId })?.at ?? undefined,
    aggregate(accountId, day, start, end) {
      const types = new Map<string, TypeCount>();
      const rules = new Map<string, RuleCount>();
      const texts = new Map<string, number>();
      const youths = new Set<string>();
      const activity: Activity = { youths: 0, messages: 0, events: 0, answered: 0, unmatched: 0 };
      for (const row of selectDay.iterate({ account_id: accountId, start, end })) {
        const isEvent = EVENT_TYPES.has(row.msg_type);
        const scene = row.msg_type === "subscribe" || row.msg_type === "scan" ? (row.scene ?? "") : "";
        const typeKey = `${row.msg_type}\u0000${scene}`;
        const t = types.get(typeKey);
        if (t) t.n++;
        else types.set(typeKey, { msgType: row.msg_type, scene, n: 1 });
        if (row.rule_id !== null || row.column_id !== null) {
          const ruleKey = `${row.column_id ?? ""}\u0000${row.rule_id ?? ""}\u0000${row.match_mode ?? ""}`;
          const r = rules.get(ruleKey);
          if (r) r.n++;
          else rules.set(ruleKey, { columnId: row.column_id ?? "", ruleId: row.rule_id ?? "", matchMode: row.match_mode ?? "", n: 1 });
        }
        if (!SYSTEM_TYPES.has(row.msg_type)) youths.add(row.open_id);
        if (isEvent) {
          activity.events++;
          continue;
        }
        activity.messages++;
        if (row.column_id !== null) activity.answered++;
        if (row.match_mode === "default") {
          activity.unmatched++;
          if (row.text) texts.set(row.text, (texts.get(row.text) ?? 0) + 1);
        }
      }
      activity.youths = youths.size;
      const unmatched = [...texts]
        .map(([content, n]) => ({ content, n }))
        .sort((a, b) => b.n - a.n || (a.content < b.content ? -1 : 1))
        .slice(0, UNMATCHED_PER_DAY);
      return { day, types: [...types.values()], rules: [...rules.values()], activity, unmatched };
    },
    replaceDay: (accountId, rollup) => replaceTx(accountId, rollup),
    typesByDay: (accountId, from, to) => selectTypes.all({ account_id: accountId, from, to }),
    rulesByDay: (accountId, from, to) => selectRules.all({ account_id: accountId, from, to }),
    activityByDay: (accountId, from, to) => selectActivity.all({ account_id: accountId, from, to }),
    activityTotal: (accountId, from, to) => selectActivityTotal.get({ account_id: accountId, from, to })!,
    unmatchedByDay: (accountId, from, to) => selectTexts.all({ account_id: accountId, from, to }),
    recentUnmatched: (accountId, limit) => selectRecent.all({ account_id: accountId, limit }),
    subscribedYouths: (accountId) => countSubscribed.get({ account_id: accountId })?.n ?? 0,
  };
}
