import { boundedMemo } from "../../bounded-memo";
import type { InboundMessage, Reply } from "../../wechat/types";
import type { Db } from "../open-database";
import { contentOf, EVENT_TYPES, sceneOf, SYSTEM_TYPES } from "./message-row";

/** What answering one push came to; recorded on the push's row. */
export interface PushOutcome {
  /** replied: answered in time; late: answered `success` at the deadline, finished after; failed: threw. */
  status: "replied" | "late" | "failed";
  reply: Reply | null;
  ruleId?: string | undefined;
  columnId?: string | undefined;
  matchMode?: string | undefined;
}

/** A push answered on the fast path, waiting to be written. */
export interface RecordEntry {
  accountId: string;
  message: InboundMessage;
  outcome: PushOutcome;
  receivedAt: Date;
}

/** Result of claiming a push for processing: only one request (the first of WeChat's retries) wins. */
export type Claim = { kind: "new" } | { kind: "in_progress" } | { kind: "done"; reply: Reply | null };

export interface MessageStore {
  /** What is known of a push already: undefined when never seen (or when its processing failed). */
  find(accountId: string, dedupKey: string): Exclude<Claim, { kind: "new" }> | undefined;
  /**
   * Records pushes that were answered synchronously, all in one transaction (group commit).
   * Per entry: `new` when recorded now, else what another process recorded first.
   */
  recordMany(entries: readonly RecordEntry[]): Claim[];
  /** Slow path: takes the push for processing before awaiting anything. */
  claim(accountId: string, message: InboundMessage, receivedAt: Date): Claim;
  complete(accountId: string, message: InboundMessage, outcome: PushOutcome, at: Date): void;
  lastDefaultReplyAt(accountId: string, openId: string): Date | undefined;
  /** Dedup keys of the pushes received since `since` (to rebuild the in-memory dedup set at boot). */
  keysSince(accountId: string, since: Date): string[];
}

/**
 * The stored form of a reply. Text replies repeat (a column's text for everyone who asks), so
 * their JSON is remembered by text.
 */
const textReplyJson = boundedMemo(256, (content) => JSON.stringify({ type: "text", content }));
const replyJson = (reply: Reply): string => (reply.type === "text" ? textReplyJson(reply.content) : JSON.stringify(reply));

/** See touchYouth in createMessageStore. */
const YOUTH_REFRESH_MS = 60_000;
const YOUTH_CACHE_LIMIT = 100_000;

export function createMessageStore(db: Db): MessageStore {
  // Positional parameters, in the order of pushValues then outcomeValues: the inserts run for
  // every push, and binding by name cost a third of them.
  const insert = db.prepare(`
    INSERT INTO inbound_messages (account_id, dedup_key, open_id, msg_type, msg_id, content, scene, created_at, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, dedup_key) DO NOTHING`);
  // Inserts the finished row; a row left `failed` by a crashed attempt is taken over.
  const insertDone = db.prepare(`
    INSERT INTO inbound_messages (account_id, dedup_key, open_id, msg_type, msg_id, content, scene, created_at, received_at,
                                  status, rule_id, column_id, match_mode, reply_type, reply_json, replied_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, dedup_key) DO UPDATE SET
      status = excluded.status, rule_id = excluded.rule_id, column_id = excluded.column_id,
      match_mode = excluded.match_mode, reply_type = excluded.reply_type, reply_json = excluded.reply_json,
      replied_at = excluded.replied_at
    WHERE inbound_messages.status = 'failed'`);
  const selectState = db.prepare<{ account_id: string; dedup_key: string }, { status: string; reply_json: string | null }>(
    "SELECT status, reply_json FROM inbound_messages WHERE account_id = @account_id AND dedup_key = @dedup_key",
  );
  const retryFailed = db.prepare(
    `UPDATE inbound_messages SET status = 'processing'
     WHERE account_id = @account_id AND dedup_key = @dedup_key AND status = 'failed'`,
  );
  const update = db.prepare(`
    UPDATE inbound_messages
    SET status = ?, rule_id = ?, column_id = ?, match_mode = ?, reply_type = ?, reply_json = ?, replied_at = ?
    WHERE account_id = ? AND dedup_key = ?`);
  const upsertYouth = db.prepare(`
    INSERT INTO youths (account_id, open_id, first_seen_at, last_interaction_at, last_message_at,
                        subscribed, subscribed_at, unsubscribed_at, subscribe_scene, last_default_reply_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, open_id) DO UPDATE SET
      last_interaction_at = max(last_interaction_at, excluded.last_interaction_at),
      last_message_at = coalesce(max(last_message_at, excluded.last_message_at), last_message_at, excluded.last_message_at),
      subscribed = coalesce(excluded.subscribed, subscribed),
      subscribed_at = coalesce(excluded.subscribed_at, subscribed_at),
      unsubscribed_at = coalesce(excluded.unsubscribed_at, unsubscribed_at),
      subscribe_scene = coalesce(excluded.subscribe_scene, subscribe_scene),
      last_default_reply_at = coalesce(excluded.last_default_reply_at, last_default_reply_at)`);
  const selectKeysSince = db.prepare<{ account_id: string; since: number }, { dedup_key: string }>(
    "SELECT dedup_key FROM inbound_messages WHERE account_id = @account_id AND received_at >= @since",
  );
  const selectDefaultAt = db.prepare<{ account_id: string; open_id: string }, { at: number | null }>(
    "SELECT last_default_reply_at AS at FROM youths WHERE account_id = @account_id AND open_id = @open_id",
  );

  /** inbound_messages' columns account_id … received_at for a push. */
  const pushValues = (accountId: string, m: InboundMessage, receivedAt: Date) =>
    [
      accountId,
      m.dedupKey,
      m.openId,
      m.type,
      "msgId" in m && m.msgId !== undefined ? m.msgId : null,
      contentOf(m),
      sceneOf(m),
      m.createdAt.getTime(),
      receivedAt.getTime(),
    ] as const;
  /** inbound_messages' columns status … replied_at for what answering it came to. */
  const outcomeValues = (o: PushOutcome, at: Date) =>
    [
      o.status,
      o.ruleId ?? null,
      o.columnId ?? null,
      o.matchMode ?? null,
      o.reply?.type ?? null,
      o.reply ? replyJson(o.reply) : null,
      at.getTime(),
    ] as const;
  const stateOf = (row: { status: string; reply_json: string | null } | undefined): Exclude<Claim, { kind: "new" }> | undefined => {
    if (!row || row.status === "failed") return undefined;
    if (row.status === "processing") return { kind: "in_progress" };
    // A late answer already went out another way; answering it again passively would duplicate it.
    if (row.status === "late") return { kind: "done", reply: null };
    return { kind: "done", reply: row.reply_json ? (JSON.parse(row.reply_json) as Reply) : null };
  };

  /**
   * When this process last wrote each youth's row, by CreateTime (ms). A youth writing again
   * within YOUTH_REFRESH_MS only moves last_interaction_at / last_message_at forward, and that
   * write is skipped: at webhook rates the youths upsert scattered writes over the whole table
   * in every group commit. The times may so lag by up to a minute, which only makes WeChat's
   * 48 h customer-service window (qa/reply-window.ts) look to close a minute early. Anything
   * else (a (un)subscribe, a scene, a default reply) is always written.
   */
  const youthWrittenAt = new Map<string, number>();
  const touchYouth = (accountId: string, m: InboundMessage, o: PushOutcome, at: Date) => {
    if (SYSTEM_TYPES.has(m.type)) return;
    const t = m.createdAt.getTime();
    const subscribe = m.type === "subscribe";
    const unsubscribe = m.type === "unsubscribe";
    const defaultAt = o.ruleId === "default" && o.reply ? at.getTime() : null;
    const special = subscribe || unsubscribe || defaultAt !== null;
    const key = `${accountId}\u0000${m.openId}`;
    if (!special) {
      const writtenAt = youthWrittenAt.get(key);
      if (writtenAt !== undefined && t >= writtenAt && t - writtenAt < YOUTH_REFRESH_MS) return;
    }
    if (youthWrittenAt.size >= YOUTH_CACHE_LIMIT) youthWrittenAt.clear();
    youthWrittenAt.set(key, t);
    upsertYouth.run(
      accountId,
      m.openId,
      t, // first_seen_at
      t, // last_interaction_at
      EVENT_TYPES.has(m.type) ? null : t, // last_message_at
      subscribe ? 1 : unsubscribe ? 0 : null, // subscribed
      subscribe ? t : null, // subscribed_at
      unsubscribe ? t : null, // unsubscribed_at
      subscribe ? (m.sceneId ?? null) : null, // subscribe_scene
      defaultAt, // last_default_reply_at
    );
  };

  const completeTx = db.transaction((accountId: string, m: InboundMessage, o: PushOutcome, at: Date) => {
    update.run(...outcomeValues(o, at), accountId, m.dedupKey);
    touchYouth(accountId, m, o, at);
  });
  const recordTx = db.transaction((entries: readonly RecordEntry[]): Claim[] =>
    entries.map(({ accountId, message: m, outcome: o, receivedAt }) => {
      const inserted = insertDone.run(...pushValues(accountId, m, receivedAt), ...outcomeValues(o, receivedAt));
      if (inserted.changes === 0) {
        return stateOf(selectState.get({ account_id: accountId, dedup_key: m.dedupKey })) ?? { kind: "in_progress" };
      }
      touchYouth(accountId, m, o, receivedAt);
      return { kind: "new" };
    }),
  );

  return {
    find: (accountId, dedupKey) => stateOf(selectState.get({ account_id: accountId, dedup_key: dedupKey })),
    recordMany: (entries) => (entries.length === 0 ? [] : recordTx(entries)),
    claim(accountId, m, receivedAt) {
      const key = { account_id: accountId, dedup_key: m.dedupKey };
      if (insert.run(...pushValues(accountId, m, receivedAt)).changes === 1) return { kind: "new" };
      const row = selectState.get(key);
      if (!row) return { kind: "new" };
      if (row.status === "failed") return retryFailed.run(key).changes === 1 ? { kind: "new" } : { kind: "in_progress" };
      return stateOf(row) ?? { kind: "in_progress" };
    },
    complete: (accountId, m, o, at) => completeTx(accountId, m, o, at),
    keysSince: (accountId, since) => selectKeysSince.all({ account_id: accountId, since: since.getTime() }).map((r) => r.dedup_key),
    lastDefaultReplyAt(accountId, openId) {
      const at = selectDefaultAt.get({ account_id: accountId, open_id: openId })?.at;
      return at == null ? undefined : new Date(at);
    },
  };
}
