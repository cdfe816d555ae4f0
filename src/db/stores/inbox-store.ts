import type { Db } from "../open-database";

/** Youths' own messages (not events, not WeChat's job results): what the inbox lists. */
const MESSAGE_TYPES = "('text', 'image', 'voice', 'video', 'shortvideo', 'location', 'link')";
/** A message the bot had no keyword for (match_mode 'default': answered with the default reply or not at all). */
const UNMATCHED = "m.match_mode = 'default'";

export type InboxFilter = "all" | "unanswered" | "tickets" | "unmatched";

export interface InboxQuery {
  accountId: string;
  /** Text in a message, or part of an openid or a remark. */
  q?: string | undefined;
  /** One follower. */
  openId?: string | undefined;
  /** [from, to) in ms. */
  from: number;
  to: number;
  filter: InboxFilter;
  limit: number;
  offset: number;
}

export interface ThreadRow {
  openId: string;
  remark: string | null;
  subscribed: boolean | null;
  lastAt: number;
  messages: number;
  lastType: string;
  lastContent: string | null;
  lastMatchMode: string | null;
  lastStaffAt: number | null;
  tickets: number;
  /** The youth's latest message matched no keyword, made no ticket, and no staff reply came after it. */
  unanswered: boolean;
}

export interface InboundRow {
  id: number;
  dedupKey: string;
  msgType: string;
  content: string | null;
  receivedAt: number;
  ruleId: string | null;
  columnId: string | null;
  matchMode: string | null;
  replyJson: string | null;
}

export interface FollowerRow {
  openId: string;
  remark: string | null;
  remarkUpdatedAt: number | null;
  remarkUpdatedBy: string | null;
  subscribed: boolean | null;
  firstSeenAt: number;
  lastMessageAt: number | null;
}

/** The inbox's reads: followers as threads, one thread's messages, the unanswered count, remarks. */
export interface InboxStore {
  threads(q: InboxQuery): { rows: ThreadRow[]; total: number };
  /** The follower's messages received since `since` (ms), newest first. */
  messages(accountId: string, openId: string, since: number, limit: number): InboundRow[];
  follower(accountId: string, openId: string): FollowerRow | undefined;
  /** Followers whose latest message since `since` is unanswered, and the oldest such message. */
  unanswered(accountId: string, since: number): { count: number; oldestAt: number | null };
  setRemark(accountId: string, openId: string, remark: string | null, at: number, by: string): boolean;
}

const likePattern = (s: string) => `%${s.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;

export function createInboxStore(db: Db): InboxStore {
  /**
   * Per follower with a message in the range (matching the search), their latest message and what
   * followed it. Newest first. The unanswered test: the latest message matched no keyword, is not
   * a 青年之声 ticket, and no staff reply was made after it.
   */
  const threadsSql = (where: string) => `
    WITH latest AS (
      SELECT m.open_id, max(m.received_at) AS last_at, count(*) AS n
      FROM inbound_messages m LEFT JOIN youths y ON y.account_id = m.account_id AND y.open_id = m.open_id
      WHERE m.account_id = @account_id AND m.msg_type IN ${MESSAGE_TYPES} AND m.received_at >= @from AND m.received_at < @to ${where}
      GROUP BY m.open_id
    ), threads AS (
      SELECT l.open_id, l.last_at, l.n, m.msg_type, m.content, m.match_mode, m.dedup_key, y.remark, y.subscribed,
             (SELECT max(s.created_at) FROM staff_replies s WHERE s.account_id = @account_id AND s.open_id = l.open_id) AS last_staff_at,
             (SELECT count(*) FROM qa_tickets t WHERE t.account_id = @account_id AND t.open_id = l.open_id) AS tickets,
             (${UNMATCHED}
               AND NOT EXISTS (SELECT 1 FROM qa_tickets t WHERE t.account_id = @account_id AND t.source_dedup_key = m.dedup_key)
               AND NOT EXISTS (SELECT 1 FROM staff_replies s WHERE s.account_id = @account_id AND s.open_id = l.open_id AND s.created_at >= l.last_at)
             ) AS unanswered
      FROM latest l
      JOIN inbound_messages m ON m.id = (
        SELECT id FROM inbound_messages WHERE account_id = @account_id AND open_id = l.open_id AND received_at = l.last_at
          AND msg_type IN ${MESSAGE_TYPES} ORDER BY id DESC LIMIT 1)
      LEFT JOIN youths y ON y.account_id = @account_id AND y.open_id = l.open_id
    )`;
  const filters: Record<InboxFilter, string> = {
    all: "1",
    unanswered: "unanswered",
    tickets: "tickets > 0",
    unmatched: "match_mode = 'default'",
  };
  const search =
    "AND (m.content LIKE @q ESCAPE '\\' OR m.open_id LIKE @q ESCAPE '\\' OR y.remark LIKE @q ESCAPE '\\') AND (@open_id IS NULL OR m.open_id = @open_id)";
  const statements = new Map(
    (Object.keys(filters) as InboxFilter[]).map((f) => [
      f,
      {
        page: db.prepare(`${threadsSql(search)} SELECT * FROM threads WHERE ${filters[f]} ORDER BY last_at DESC LIMIT @limit OFFSET @offset`),
        total: db.prepare(`${threadsSql(search)} SELECT count(*) FROM threads WHERE ${filters[f]}`).pluck(),
      },
    ]),
  );
  // Through the time index (account_id, received_at), filtered by follower: see migration 0007.
  const messages = db.prepare<[string, number, string, number]>(
    `SELECT id, dedup_key AS dedupKey, msg_type AS msgType, content, received_at AS receivedAt, rule_id AS ruleId,
            column_id AS columnId, match_mode AS matchMode, reply_json AS replyJson
     FROM inbound_messages INDEXED BY inbound_messages_by_time
     WHERE account_id = ? AND received_at >= ? AND open_id = ? ORDER BY received_at DESC, id DESC LIMIT ?`,
  );
  const follower = db.prepare<[string, string]>(
    `SELECT open_id AS openId, remark, remark_updated_at AS remarkUpdatedAt, remark_updated_by AS remarkUpdatedBy,
            subscribed, first_seen_at AS firstSeenAt, last_message_at AS lastMessageAt
     FROM youths WHERE account_id = ? AND open_id = ?`,
  );
  const unanswered = db.prepare(
    `${threadsSql("AND 1")} SELECT count(*) AS count, min(last_at) AS oldestAt FROM threads WHERE unanswered`,
  );
  const setRemark = db.prepare(
    "UPDATE youths SET remark = ?, remark_updated_at = ?, remark_updated_by = ? WHERE account_id = ? AND open_id = ?",
  );

  return {
    threads(q) {
      const s = statements.get(q.filter)!;
      const params = {
        account_id: q.accountId,
        from: q.from,
        to: q.to,
        q: likePattern(q.q ?? ""),
        open_id: q.openId ?? null,
        limit: q.limit,
        offset: q.offset,
      };
      const rows = (s.page.all(params) as Array<Record<string, unknown>>).map(
        (r): ThreadRow => ({
          openId: r["open_id"] as string,
          remark: (r["remark"] as string | null) ?? null,
          subscribed: r["subscribed"] === null || r["subscribed"] === undefined ? null : r["subscribed"] === 1,
          lastAt: r["last_at"] as number,
          messages: r["n"] as number,
          lastType: r["msg_type"] as string,
          lastContent: (r["content"] as string | null) ?? null,
          lastMatchMode: (r["match_mode"] as string | null) ?? null,
          lastStaffAt: (r["last_staff_at"] as number | null) ?? null,
          tickets: r["tickets"] as number,
          unanswered: r["unanswered"] === 1,
        }),
      );
      const { limit: _limit, offset: _offset, ...countParams } = params;
      return { rows, total: s.total.get(countParams) as number };
    },
    messages: (accountId, openId, since, limit) => messages.all(accountId, since, openId, limit) as InboundRow[],
    follower(accountId, openId) {
      const r = follower.get(accountId, openId) as (Omit<FollowerRow, "subscribed"> & { subscribed: number | null }) | undefined;
      return r ? { ...r, subscribed: r.subscribed === null ? null : r.subscribed === 1 } : undefined;
    },
    unanswered(accountId, since) {
      const r = unanswered.get({ account_id: accountId, from: since, to: Number.MAX_SAFE_INTEGER }) as { count: number; oldestAt: number | null };
      return { count: r.count, oldestAt: r.oldestAt };
    },
    setRemark: (accountId, openId, remark, at, by) => setRemark.run(remark, at, by, accountId, openId).changes === 1,
  };
}
