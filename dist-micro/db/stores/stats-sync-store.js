"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createStatsSyncStore = createStatsSyncStore;
const COLUMNS = `source, synced_through AS syncedThrough, status, errcode, detail,
  attempted_at AS attemptedAt, succeeded_at AS succeededAt`;
function createStatsSyncStore(db) {
    const selectOne = db.prepare(`SELECT ${COLUMNS} FROM stats_sync_state WHERE account_id = @account_id AND source = @source`);
    const selectAll = db.prepare(`SELECT ${COLUMNS} FROM stats_sync_state WHERE account_id = @account_id ORDER BY source`);
    const upsert = db.prepare(`
    INSERT INTO stats_sync_state (account_id, source, synced_through, status, errcode, detail, attempted_at, succeeded_at)
    VALUES (@account_id, @source, @synced_through, @status, @errcode, @detail, @at, @succeeded_at)
    ON CONFLICT (account_id, source) DO UPDATE SET
      synced_through = CASE
        WHEN excluded.synced_through IS NULL THEN stats_sync_state.synced_through
        WHEN stats_sync_state.synced_through IS NULL THEN excluded.synced_through
        ELSE max(stats_sync_state.synced_through, excluded.synced_through) END,
      status = excluded.status, errcode = excluded.errcode, detail = excluded.detail,
      attempted_at = excluded.attempted_at,
      succeeded_at = coalesce(excluded.succeeded_at, stats_sync_state.succeeded_at)`);
    return {
        get: (accountId, source) => selectOne.get({ account_id: accountId, source }),
        all: (accountId) => selectAll.all({ account_id: accountId }),
        record(accountId, source, o, at) {
            upsert.run({
                account_id: accountId,
                source,
                synced_through: o.syncedThrough ?? null,
                status: o.status,
                errcode: o.errcode ?? null,
                detail: o.detail ?? null,
                at,
                succeeded_at: o.status === "ok" ? at : null,
            });
        },
    };
}
//# sourceMappingURL=stats-sync-store.js.map