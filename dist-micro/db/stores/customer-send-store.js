"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createCustomerSendStore = createCustomerSendStore;
function createCustomerSendStore(db) {
    const openers = db.prepare("SELECT last_message_at, last_event_at FROM youths WHERE account_id = ? AND open_id = ?");
    const sendsSince = db.prepare("SELECT at, outcome FROM customer_sends WHERE account_id = ? AND open_id = ? AND at >= ? ORDER BY at");
    const insert = db.prepare("INSERT INTO customer_sends (account_id, open_id, at, outcome, errcode, source, ref, sent_by) VALUES (?, ?, ?, ?, ?, ?, ?, ?)");
    return {
        windowFacts(accountId, openId) {
            const row = openers.get(accountId, openId);
            const lastMessageAt = row?.last_message_at == null ? null : new Date(row.last_message_at);
            const lastEventAt = row?.last_event_at == null ? null : new Date(row.last_event_at);
            const oldest = Math.min(lastMessageAt?.getTime() ?? Infinity, lastEventAt?.getTime() ?? Infinity);
            const sends = Number.isFinite(oldest) ? sendsSince.all(accountId, openId, oldest).map((s) => ({ at: new Date(s.at), outcome: s.outcome })) : [];
            return { lastMessageAt, lastEventAt, sends };
        },
        record: (s) => void insert.run(s.accountId, s.openId, s.at.getTime(), s.outcome, s.errcode ?? null, s.source, s.ref ?? null, s.by ?? null),
    };
}
//# sourceMappingURL=customer-send-store.js.map