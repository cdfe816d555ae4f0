"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSandboxTokenStore = createSandboxTokenStore;
const toRow = (r) => ({
    accessToken: r.access_token,
    accountId: r.account_id,
    issuedAt: r.issued_at,
    expiresAt: r.expires_at,
    revokedAt: r.revoked_at,
});
function createSandboxTokenStore(db) {
    const columns = "access_token, account_id, issued_at, expires_at, revoked_at";
    const selectCurrent = db.prepare(`SELECT ${columns} FROM sandbox_tokens WHERE account_id = @account_id AND revoked_at IS NULL
      ORDER BY issued_at DESC, id DESC LIMIT 1`);
    const selectOne = db.prepare(`SELECT ${columns} FROM sandbox_tokens WHERE access_token = @access_token`);
    const insert = db.prepare(`INSERT INTO sandbox_tokens (account_id, access_token, issued_at, expires_at, forced)
     VALUES (@account_id, @access_token, @issued_at, @expires_at, @forced)`);
    const revokeOne = db.prepare("UPDATE sandbox_tokens SET revoked_at = @at WHERE access_token = @access_token AND revoked_at IS NULL");
    const revokeAccount = db.prepare("UPDATE sandbox_tokens SET revoked_at = @at WHERE account_id = @account_id AND revoked_at IS NULL");
    const selectForced = db.prepare(`SELECT COUNT(*) AS n, MAX(issued_at) AS last_at FROM sandbox_tokens
      WHERE account_id = @account_id AND forced = 1 AND issued_at >= @since`);
    return {
        current(accountId) {
            const r = selectCurrent.get({ account_id: accountId });
            return r && toRow(r);
        },
        find(accessToken) {
            const r = selectOne.get({ access_token: accessToken });
            return r && toRow(r);
        },
        issue(row) {
            insert.run({
                account_id: row.accountId,
                access_token: row.accessToken,
                issued_at: row.issuedAt,
                expires_at: row.expiresAt,
                forced: row.forced ? 1 : 0,
            });
        },
        revoke(accessToken, at) {
            revokeOne.run({ access_token: accessToken, at });
        },
        revokeAll(accountId, at) {
            return revokeAccount.run({ account_id: accountId, at }).changes;
        },
        forcedSince(accountId, since) {
            const r = selectForced.get({ account_id: accountId, since });
            return { count: r?.n ?? 0, lastAt: r?.last_at ?? null };
        },
    };
}
//# sourceMappingURL=sandbox-token-store.js.map