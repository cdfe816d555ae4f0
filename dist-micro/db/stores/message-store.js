"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createMessageStore = createMessageStore;
const window_opener_1 = require("../../wechat/window-opener");
const message_row_1 = require("./message-row");
function createMessageStore(db) {
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
    const selectState = db.prepare("SELECT status, reply_json FROM inbound_messages WHERE account_id = ? AND dedup_key = ?");
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
    const selectDefaultAt = db.prepare("SELECT last_default_reply_at AS at FROM youths WHERE account_id = ? AND open_id = ?");
    /**
     * The youth's row on every push: follow state, scene, and the times WeChat's customer-service
     * window counts from (inbox/reply-window.ts). Written every time: skipping it "when only the times
     * move" once left last_message_at NULL after a follow, and the window read as never opened.
     */
    const touchYouth = (accountId, m, o, at) => {
        if (message_row_1.SYSTEM_TYPES.has(m.type))
            return;
        const t = m.createdAt.getTime();
        const subscribe = m.type === "subscribe";
        const unsubscribe = m.type === "unsubscribe";
        upsertYouth.run(accountId, m.openId, t, // first_seen_at
        t, // last_interaction_at
        message_row_1.EVENT_TYPES.has(m.type) ? null : t, // last_message_at
        (0, window_opener_1.windowOpenerOf)(m) === "message" || (0, window_opener_1.windowOpenerOf)(m) === undefined ? null : t, // last_event_at: follow, click, scan
        subscribe ? 1 : unsubscribe ? 0 : null, // subscribed
        subscribe ? t : null, // subscribed_at
        unsubscribe ? t : null, // unsubscribed_at
        subscribe ? (m.sceneId ?? null) : null, // subscribe_scene
        o.ruleId === "default" && o.reply ? at.getTime() : null);
    };
    const record = ({ accountId, message: m, outcome: o, receivedAt }) => {
        const inserted = insert.run(accountId, m.dedupKey, m.openId, m.type, "msgId" in m && m.msgId !== undefined ? m.msgId : null, (0, message_row_1.contentOf)(m), (0, message_row_1.sceneOf)(m), m.createdAt.getTime(), receivedAt.getTime(), o.status, o.ruleId ?? null, o.columnId ?? null, o.matchMode ?? null, o.reply?.type ?? null, o.reply ? JSON.stringify(o.reply) : null, receivedAt.getTime());
        if (inserted.changes === 0)
            return false;
        touchYouth(accountId, m, o, receivedAt);
        return true;
    };
    const recordMany = db.transaction((entries) => entries.map(record));
    return {
        find(accountId, dedupKey) {
            const row = selectState.get(accountId, dedupKey);
            if (!row || row.status === "failed")
                return undefined;
            return { reply: row.reply_json ? JSON.parse(row.reply_json) : null };
        },
        record,
        recordMany: (entries) => recordMany(entries),
        lastDefaultReplyAt(accountId, openId) {
            const at = selectDefaultAt.get(accountId, openId)?.at;
            return at == null ? undefined : new Date(at);
        },
    };
}
//# sourceMappingURL=message-store.js.map