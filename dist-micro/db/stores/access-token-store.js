"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createAccessTokenStore = createAccessTokenStore;
function createAccessTokenStore(db) {
    const select = db.prepare(`SELECT access_token, expires_at, refreshed_at, lease_owner, lease_until
       FROM access_tokens WHERE account_id = @account_id`);
    const takeLease = db.prepare(`INSERT INTO access_tokens (account_id, lease_owner, lease_until)
     VALUES (@account_id, @owner, @lease_until)
     ON CONFLICT (account_id) DO UPDATE SET lease_owner = @owner, lease_until = @lease_until`);
    const update = db.prepare(`INSERT INTO access_tokens (account_id, access_token, expires_at, refreshed_at, lease_owner, lease_until)
     VALUES (@account_id, @token, @expires_at, @now, NULL, 0)
     ON CONFLICT (account_id) DO UPDATE SET access_token = @token, expires_at = @expires_at,
       refreshed_at = @now, lease_owner = NULL, lease_until = 0`);
    const releaseLease = db.prepare(`UPDATE access_tokens SET lease_owner = NULL, lease_until = 0
      WHERE account_id = @account_id AND lease_owner = @owner`);
    const drop = db.prepare(`UPDATE access_tokens SET access_token = NULL, expires_at = 0
      WHERE account_id = @account_id AND access_token = @token`);
    const acquireTx = db.transaction((p) => {
        const row = select.get({ account_id: p.accountId });
        if (row?.access_token && row.expires_at > p.now)
            return { kind: "cached", token: row.access_token };
        const held = row?.lease_owner && row.lease_owner !== p.owner && row.lease_until > p.now;
        if (held && !p.takeOver)
            return { kind: "busy", leaseUntil: row.lease_until };
        const leaseUntil = p.now + p.leaseMs;
        takeLease.run({ account_id: p.accountId, owner: p.owner, lease_until: leaseUntil });
        return { kind: "leased", leaseUntil };
    });
    return {
        peek(accountId, now) {
            const row = select.get({ account_id: accountId });
            return row?.access_token && row.expires_at > now ? row.access_token : undefined;
        },
        // IMMEDIATE takes the write lock before reading, so two processes cannot both see "no lease"
        // (a deferred transaction would fail with SQLITE_BUSY on upgrade instead of waiting).
        acquire: (params) => acquireTx.immediate(params),
        save({ accountId, token, expiresAt, now }) {
            update.run({ account_id: accountId, token, expires_at: expiresAt, now });
        },
        release(accountId, owner) {
            releaseLease.run({ account_id: accountId, owner });
        },
        invalidate(accountId, token) {
            return drop.run({ account_id: accountId, token }).changes > 0;
        },
        state(accountId) {
            const row = select.get({ account_id: accountId });
            if (!row)
                return undefined;
            return {
                hasToken: row.access_token !== null,
                expiresAt: row.expires_at,
                refreshedAt: row.refreshed_at,
                leaseOwner: row.lease_owner,
                leaseUntil: row.lease_until,
            };
        },
    };
}
//# sourceMappingURL=access-token-store.js.map