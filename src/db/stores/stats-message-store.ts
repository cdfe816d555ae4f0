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
  /** A youth's events: subscribe, unsubscribe, scan, menu clicks and links, location reports. */
  events: number;
  /**
   * Job results WeChat pushes on its own (MASSSENDJOBFINISH, PUBLISHJOBFINISH,
   * TEMPLATESENDJOBFINISH): not a youth's action, so neither an event nor a message (issue 14).
   */
  system: number;
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
  /** The most frequent unmatched texts (text, voice) of the day (at most UNMATCHED_PER_DAY). */
  unmatched: TextCount[];
}

export interface RecentMessage {
  receivedAt: number;
  openId: string;
  msgType: string;
  content: string | null;
}

type Daily<T> = T & { day: string };

/** Unmatched texts kept per day: enough for a "top 20 of the month" list, small enough to sum a year fast. */
export const UNMATCHED_PER_DAY = 30;
/** Longer texts are cut; a question that long is read in the message log, not in a list of frequent ones. */
const TEXT_CHARS = 60;

/**
 * Reads inbound_messages for the rollups, and the rollup tables stats_*_days. Only days that are
 * over are rolled up; the stats layer reads newer days straight from the log (one day is small).
 */
export interface StatsMessageStore {
  firstReceivedAt(accountId: string): number | undefined;
  /** The newest push received (any type): the 矩阵 page's "last push received". */
  lastReceivedAt(accountId: string): number | undefined;
  /** Aggregates the pushes received in [start, end) (Unix ms). */
  aggregate(accountId: string, day: string, start: number, end: number): DayRollup;
  /** Replaces the rollup rows of `rollup.day` (idempotent). */
  replaceDay(accountId: string, rollup: DayRollup): void;
  /** Pushes per day and type (scenes summed). */
  typesByDay(accountId: string, from: string, to: string): Daily<{ msgType: string; n: number }>[];
  /** Subscribe / scan per QR scene over the range (scene ≠ ""). */
  scenes(accountId: string, from: string, to: string): TypeCount[];
  /** Routed pushes per column, rule and match mode over the range. */
  ruleTotals(accountId: string, from: string, to: string): RuleCount[];
  activityByDay(accountId: string, from: string, to: string): Daily<Activity>[];
  /** Sums of the rolled-up days in [from, to] (youths: summed per day, not distinct). */
  activityTotal(accountId: string, from: string, to: string): Activity;
  /** The most frequent unmatched texts over the range, most frequent first. */
  topUnmatched(accountId: string, from: string, to: string, limit: number): TextCount[];
  /** The newest unmatched messages (the log, newest first). */
  recentUnmatched(accountId: string, limit: number): RecentMessage[];
  /** Youths whose last (un)subscribe we saw was a subscribe: a lower bound of the followers. */
  subscribedYouths(accountId: string): number;
}

type Range = { account_id: string; from: string; to: string };
type DaySpan = { account_id: string; start: number; end: number };

const SYSTEM_LIST = [...SYSTEM_TYPES];
const sqlList = (xs: readonly string[]) => xs.map((x) => `'${x.replace(/'/g, "''")}'`).join(", ");

export function createStatsMessageStore(db: Db): StatsMessageStore {
  const selectFirst = db.prepare<{ account_id: string }, { at: number | null }>(
    "SELECT min(received_at) AS at FROM inbound_messages WHERE account_id = @account_id",
  );
  // max() over inbound_messages_by_time (account_id, received_at) is one index seek, whatever the log's size.
  const selectLast = db.prepare<{ account_id: string }, { at: number | null }>(
    "SELECT max(received_at) AS at FROM inbound_messages WHERE account_id = @account_id",
  );
  // A day is ~1–3 k rows reached through inbound_messages_by_time; SQLite groups them faster than
  // JS can walk them (no row objects), so a day is three small GROUP BY queries.
  const selectGroups = db.prepare<DaySpan, { msgType: string; scene: string; columnId: string | null; ruleId: string | null; matchMode: string | null; n: number }>(`
    SELECT msg_type AS msgType, CASE WHEN msg_type IN ('subscribe', 'scan') THEN coalesce(scene, '') ELSE '' END AS scene,
           column_id AS columnId, rule_id AS ruleId, match_mode AS matchMode, count(*) AS n
    FROM inbound_messages
    WHERE account_id = @account_id AND received_at >= @start AND received_at < @end
    GROUP BY 1, 2, 3, 4, 5`);
  // The list is our own code's type names (message-row.ts), not input.
  const selectYouths = db.prepare<DaySpan, { n: number }>(`
    SELECT count(DISTINCT open_id) AS n FROM inbound_messages
    WHERE account_id = @account_id AND received_at >= @start AND received_at < @end AND msg_type NOT IN (${sqlList(SYSTEM_LIST)})`);
  const selectTexts = db.prepare<DaySpan, TextCount>(`
    SELECT substr(trim(content), 1, ${TEXT_CHARS}) AS content, count(*) AS n FROM inbound_messages
    WHERE account_id = @account_id AND received_at >= @start AND received_at < @end AND match_mode = 'default'
      AND msg_type IN ('text', 'voice') AND content IS NOT NULL AND trim(content) <> ''
    GROUP BY 1 ORDER BY n DESC, content LIMIT ${UNMATCHED_PER_DAY}`);

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
    INSERT INTO stats_activity_days (account_id, day, youths, messages, events, system, answered, unmatched)
    VALUES (@account_id, @day, @youths, @messages, @events, @system, @answered, @unmatched)`);
  const insertText = db.prepare(
    "INSERT INTO stats_unmatched_days (account_id, day, content, n) VALUES (@account_id, @day, @content, @n)",
  );

  const selectTypes = db.prepare<Range, Daily<{ msgType: string; n: number }>>(`
    SELECT day, msg_type AS msgType, sum(n) AS n FROM stats_message_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to GROUP BY day, msg_type`);
  const selectScenes = db.prepare<Range, TypeCount>(`
    SELECT msg_type AS msgType, scene, sum(n) AS n FROM stats_message_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to AND scene <> '' GROUP BY msg_type, scene`);
  const selectRules = db.prepare<Range, RuleCount>(`
    SELECT column_id AS columnId, rule_id AS ruleId, match_mode AS matchMode, sum(n) AS n FROM stats_rule_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to GROUP BY column_id, rule_id, match_mode`);
  const selectActivity = db.prepare<Range, Daily<Activity>>(`
    SELECT day, youths, messages, events, system, answered, unmatched FROM stats_activity_days
    WHERE account_id = @account_id AND day BETWEEN @from AND @to ORDER BY day`);
  const selectActivityTotal = db.prepare<Range, Activity>(`
    SELECT coalesce(sum(youths), 0) AS youths, coalesce(sum(messages), 0) AS messages, coalesce(sum(events), 0) AS events, coalesce(sum(system), 0) AS system,
           coalesce(sum(answered), 0) AS answered, coalesce(sum(unmatched), 0) AS unmatched
    FROM stats_activity_days WHERE account_id = @account_id AND day BETWEEN @from AND @to`);
  const selectTopTexts = db.prepare<Range & { limit: number }, TextCount>(`
    SELECT content, sum(n) AS n FROM stats_unmatched_days WHERE account_id = @account_id AND day BETWEEN @from AND @to
    GROUP BY content ORDER BY n DESC, content LIMIT @limit`);
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
    lastReceivedAt: (accountId) => selectLast.get({ account_id: accountId })?.at ?? undefined,
    aggregate(accountId, day, start, end) {
      const span = { account_id: accountId, start, end };
      const types = new Map<string, TypeCount>();
      const rules = new Map<string, RuleCount>();
      const activity: Activity = { youths: selectYouths.get(span)?.n ?? 0, messages: 0, events: 0, system: 0, answered: 0, unmatched: 0 };
      for (const g of selectGroups.all(span)) {
        const typeKey = `${g.msgType}\u0000${g.scene}`;
        const t = types.get(typeKey);
        if (t) t.n += g.n;
        else types.set(typeKey, { msgType: g.msgType, scene: g.scene, n: g.n });
        if (g.ruleId !== null || g.columnId !== null) {
          const ruleKey = `${g.columnId ?? ""}\u0000${g.ruleId ?? ""}\u0000${g.matchMode ?? ""}`;
          const r = rules.get(ruleKey);
          if (r) r.n += g.n;
          else rules.set(ruleKey, { columnId: g.columnId ?? "", ruleId: g.ruleId ?? "", matchMode: g.matchMode ?? "", n: g.n });
        }
        if (SYSTEM_TYPES.has(g.msgType)) {
          activity.system += g.n;
          continue;
        }
        if (EVENT_TYPES.has(g.msgType)) {
          activity.events += g.n;
          continue;
        }
        activity.messages += g.n;
        if (g.columnId !== null) activity.answered += g.n;
        if (g.matchMode === "default") activity.unmatched += g.n;
      }
      return { day, types: [...types.values()], rules: [...rules.values()], activity, unmatched: selectTexts.all(span) };
    },
    replaceDay: (accountId, rollup) => replaceTx(accountId, rollup),
    typesByDay: (accountId, from, to) => selectTypes.all({ account_id: accountId, from, to }),
    scenes: (accountId, from, to) => selectScenes.all({ account_id: accountId, from, to }),
    ruleTotals: (accountId, from, to) => selectRules.all({ account_id: accountId, from, to }),
    activityByDay: (accountId, from, to) => selectActivity.all({ account_id: accountId, from, to }),
    activityTotal: (accountId, from, to) => selectActivityTotal.get({ account_id: accountId, from, to })!,
    topUnmatched: (accountId, from, to, limit) => selectTopTexts.all({ account_id: accountId, from, to, limit }),
    recentUnmatched: (accountId, limit) => selectRecent.all({ account_id: accountId, limit }),
    subscribedYouths: (accountId) => countSubscribed.get({ account_id: accountId })?.n ?? 0,
  };
}
