"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSandboxOutboxStore = createSandboxOutboxStore;
function createSandboxOutboxStore(db) {
    const insertCustom = db.prepare(`INSERT INTO sandbox_custom_messages (account_id, open_id, msgtype, request_json, created_at)
     VALUES (@account_id, @open_id, @msgtype, @request_json, @created_at)`);
    const countCustom = db.prepare(`SELECT COUNT(*) AS n FROM sandbox_custom_messages
      WHERE account_id = @account_id AND open_id = @open_id AND created_at >= @since`);
    const recentCustom = db.prepare(`SELECT open_id, msgtype, request_json, created_at FROM sandbox_custom_messages
      WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`);
    const insertPush = db.prepare(`INSERT INTO sandbox_pushes (account_id, event, ref_id, url, http_status, error, created_at)
     VALUES (@account_id, @event, @ref_id, @url, @http_status, @error, @created_at)`);
    const recentPushes = db.prepare(`SELECT event, ref_id, url, http_status, error, created_at FROM sandbox_pushes
      WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit`);
    return {
        addCustomMessage(accountId, m) {
            insertCustom.run({
                account_id: accountId,
                open_id: m.openId,
                msgtype: m.msgtype,
                request_json: JSON.stringify(m.request),
                created_at: m.createdAt,
            });
        },
        countCustomMessagesSince: (accountId, openId, since) => countCustom.get({ account_id: accountId, open_id: openId, since })?.n ?? 0,
        listCustomMessages: (accountId, limit) => recentCustom.all({ account_id: accountId, limit }).map((r) => ({
            openId: r.open_id,
            msgtype: r.msgtype,
            request: JSON.parse(r.request_json),
            createdAt: r.created_at,
        })),
        addPush(accountId, p) {
            insertPush.run({
                account_id: accountId,
                event: p.event,
                ref_id: p.refId,
                url: p.url,
                http_status: p.httpStatus,
                error: p.error,
                created_at: p.createdAt,
            });
        },
        listPushes: (accountId, limit) => recentPushes.all({ account_id: accountId, limit }).map((r) => ({
            event: r.event,
            refId: r.ref_id,
            url: r.url,
            httpStatus: r.http_status,
            error: r.error,
            createdAt: r.created_at,
        })),
    };
}
//# sourceMappingURL=sandbox-outbox-store.js.map