import type { InboundMessage, Reply } from "../../wechat/types";
import type { Db } from "../open-database";
import { windowOpenerOf } from "../../wechat/window-opener";
import { contentOf, EVENT_TYPES, sceneOf, SYSTEM_TYPES } from "./message-row";

/** What answering one push came to; recorded on the push's row. */
export interface PushOutcome {
  /** replied: answered (the reply may be null: `success`); failed: routing threw, answered `success`. */
  status: "replied" | "failed";
  reply: Reply | null;
  ruleId?: string | undefined;
  columnId?: string | undefined;
  matchMode?: string | undefined;
}

/** A push with what answering it came to. */
export interface RecordEntry {
  accountId: string;
  message: InboundMessage;
  outcome: PushOutcome;
  receivedAt: Date;
}

/** What is stored of a push already: WeChat's retry of it gets this reply again. */
export interface StoredPush {
  reply: Reply | null;
}

/**
 * The message log (inbound_messages) and the youths it comes from. Each call is one statement;
 * the webhook (webhook/handle-push.ts) runs its calls for one push in one transaction of its own.
 */
export interface MessageStore {
  /** The push as stored, or undefined when never seen (or when its routing failed: tried again). */
  find(accountId: string, dedupKey: string): StoredPush | undefined;
  /** Stores the push and updates its youth's row; false when it was stored already (a retry). */
  record(entry: RecordEntry): boolean;
  /** record() for many pushes in one transaction (seeding, tests). */
  recordMany(entries: readonly RecordEntry[]): boolean[];
}

export function createMessageStore(db: Db): MessageStore {
  // Inserts the finished row; a row left `failed` (routing threw) is taken over by a retry.
  const insert = db.prepare(`
    INSERT INTO inbound_messages (account_id, dedup_key, open_id, msg_type, msg_id, content, scene, created_at, received_at,
                                  status, rule_id, column_id, match_mode, reply_type, reply_json, replied_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, dedup_key) DO UPDATE SET
      status = excluded.status, rule_id = excluded.rule_id, column_id = excluded.column_id,
      match_mode = excluded.match_mode, reply_type = excluded.reply_type, reply_json = excluded.reply_json,
      replied_at = excluded.replied_at
    WHERE inbound_messages.status = 'failed'`);
  const selectState = db.prepare<[string, string], { status: string; reply_json: string | null }>(
    "SELECT status, reply_json FROM inbound_messages WHERE account_id = ? AND dedup_key = ?",
  );
  const upsertYouth = db.prepare(`
    INSERT INTO youths (account_id, open_id, first_seen_at, last_interaction_at, last_message_at, last_event_at,
                        subscribed, subscribed_at, unsubscribed_at, subscribe_scene, last_default_reply_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT (account_id, open_id) DO UPDATE SET
      last_interaction_at = max(last_interaction_at, excluded.last_interaction_at),
      last_message_at = coalesce(max(last_message_at, excluded.last_message_at), last_message_at, excluded.last_message_at),
      last_event_at = coalesce(max(last_event_at, excluded.last_event_at), last_event_at, excluded.last_event_at),
      subscribed = coalesce(excluded.subscribed, subscribed),
      subscribed_at = coalesce(excluded.subscribed_at, subscribed_at),
      unsubscribed_at = coalesce(excluded.unsubscribed_at, unsubscribed_at),
      subscribe_scene = coalesce(excluded.subscribe_scene, subscribe_scene),
      last_default_reply_at = coalesce(excluded.last_default_reply_at, last_default_reply_at)`);

  /**
   * The youth's row on every push: follow state, scene, and the times WeChat's customer-service
   * window counts from (inbox/reply-window.ts). Written every time: skipping it "when only the times
   * move" once left last_message_at NULL after a follow, and the window read as never opened.
   */
  const touchYouth = (accountId: string, m: InboundMessage, o: PushOutcome, at: Date) => {
    if (SYSTEM_TYPES.has(m.type)) return;
    const t = m.createdAt.getTime();
    const subscribe = m.type === "subscribe";
    const unsubscribe = m.type === "unsubscribe";
    upsertYouth.run(
      accountId,
      m.openId,
      t, // first_seen_at
      t, // last_interaction_at
      EVENT_TYPES.has(m.type) ? null : t, // last_message_at
      windowOpenerOf(m) === "message" || windowOpenerOf(m) === undefined ? null : t, // last_event_at: follow, click, scan
      subscribe ? 1 : unsubscribe ? 0 : null, // subscribed
      subscribe ? t : null, // subscribed_at
      unsubscribe ? t : null, // unsubscribed_at
      subscribe ? (m.sceneId ?? null) : null, // subscribe_scene
      o.ruleId === "default" && o.reply ? at.getTime() : null, // last_default_reply_at
    );
  };

  const record = ({ accountId, message: m, outcome: o, receivedAt }: RecordEntry): boolean => {
    const inserted = insert.run(
      accountId,
      m.dedupKey,
      m.openId,
      m.type,
      "msgId" in m && m.msgId !== undefined ? m.msgId : null,
      contentOf(m),
      sceneOf(m),
      m.createdAt.getTime(),
      receivedAt.getTime(),
      o.status,
      o.ruleId ?? null,
      o.columnId ?? null,
      o.matchMode ?? null,
      o.reply?.type ?? null,
      o.reply ? JSON.stringify(o.reply) : null,
      receivedAt.getTime(),
    );
    if (inserted.changes === 0) return false;
    touchYouth(accountId, m, o, receivedAt);
    return true;
  };
  const recordMany = db.transaction((entries: readonly RecordEntry[]) => entries.map(record));

  return {
    find(accountId, dedupKey) {
      const row = selectState.get(accountId, dedupKey);
      if (!row || row.status === "failed") return undefined;
      return { reply: row.reply_json ? (JSON.parse(row.reply_json) as Reply) : null };
    },
    record,
    recordMany: (entries) => recordMany(entries),
  };
}
