"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStaffReplyStore = createStaffReplyStore;
const toReply = (r) => ({
    id: r.id,
    accountId: r.account_id,
    openId: r.open_id,
    body: { kind: r.kind, ...JSON.parse(r.body_json) },
    createdAt: new Date(r.created_at),
    createdBy: r.created_by,
    delivery: r.delivery,
    heldReason: r.held_reason,
    deliveredAt: r.delivered_at === null ? null : new Date(r.delivered_at),
    deliveredIn: r.delivered_in,
});
function createStaffReplyStore(db) {
    const insert = db.prepare("INSERT INTO staff_replies (account_id, open_id, kind, body_json, created_at, created_by, delivery) VALUES (?, ?, ?, ?, ?, ?, 'sending')");
    const finish = db.prepare("UPDATE staff_replies SET delivery = ?, held_reason = ?, delivered_at = CASE WHEN ? = 'sent' THEN ? ELSE delivered_at END WHERE id = ? AND delivery = 'sending'");
    const byId = db.prepare("SELECT * FROM staff_replies WHERE id = ?");
    const byYouth = db.prepare("SELECT * FROM staff_replies WHERE account_id = ? AND open_id = ? ORDER BY created_at DESC, id DESC LIMIT ?");
    const heldFor = db.prepare("SELECT * FROM staff_replies WHERE account_id = ? AND open_id = ? AND delivery = 'held' ORDER BY id");
    const markPassive = db.prepare("UPDATE staff_replies SET delivery = 'delivered_passive', delivered_at = ?, delivered_in = ? WHERE id = ? AND delivery = 'held'");
    return {
        create(r) {
            const { kind, ...rest } = r.body;
            const id = Number(insert.run(r.accountId, r.openId, kind, JSON.stringify(rest), r.at.getTime(), r.by).lastInsertRowid);
            return toReply(byId.get(id));
        },
        finish: (id, delivery, at, heldReason) => void finish.run(delivery, heldReason ?? null, delivery, at.getTime(), id),
        get: (id) => {
            const row = byId.get(id);
            return row ? toReply(row) : undefined;
        },
        forYouth: (accountId, openId, limit) => byYouth.all(accountId, openId, limit).map(toReply),
        held: (accountId, openId) => heldFor.all(accountId, openId).map(toReply),
        markDeliveredPassive: (id, dedupKey, at) => markPassive.run(at.getTime(), dedupKey, id).changes === 1,
    };
}
//# sourceMappingURL=staff-reply-store.js.map