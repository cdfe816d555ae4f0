"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSandboxControlStore = createSandboxControlStore;
function createSandboxControlStore(db) {
    const insertCall = db.prepare("INSERT INTO sandbox_calls (account_id, endpoint, errcode, at) VALUES (@account_id, @endpoint, @errcode, @at)");
    const countAll = db.prepare("SELECT COUNT(*) AS n FROM sandbox_calls WHERE account_id = @account_id");
    const countOne = db.prepare("SELECT COUNT(*) AS n FROM sandbox_calls WHERE account_id = @account_id AND endpoint = @endpoint");
    const perEndpoint = db.prepare(`SELECT endpoint, COUNT(*) AS calls, SUM(errcode <> 0) AS errors FROM sandbox_calls
      WHERE account_id = @account_id GROUP BY endpoint ORDER BY endpoint`);
    const insertFault = db.prepare(`INSERT INTO sandbox_faults (account_id, endpoint, errcode, remaining, after_processing, created_at)
     VALUES (@account_id, @endpoint, @errcode, @remaining, @after_processing, @at)`);
    const nextFault = db.prepare(`SELECT id, errcode FROM sandbox_faults WHERE account_id = @account_id AND endpoint = @endpoint
        AND after_processing = @after_processing AND remaining > 0 ORDER BY id LIMIT 1`);
    const useFault = db.prepare("UPDATE sandbox_faults SET remaining = remaining - 1 WHERE id = @id");
    const selectFaults = db.prepare(`SELECT id, endpoint, errcode, remaining, after_processing FROM sandbox_faults
      WHERE account_id = @account_id AND remaining > 0 ORDER BY id`);
    const deleteFaults = db.prepare("DELETE FROM sandbox_faults WHERE account_id = @account_id");
    const insertInteraction = db.prepare("INSERT INTO sandbox_interactions (account_id, open_id, kind, at) VALUES (@account_id, @open_id, @kind, @at)");
    const selectInteractions = db.prepare(`SELECT kind, at FROM sandbox_interactions WHERE account_id = @account_id AND open_id = @open_id
        AND at >= @since ORDER BY at DESC, id DESC`);
    const recentInteractions = db.prepare("SELECT open_id, kind, at FROM sandbox_interactions WHERE account_id = @account_id ORDER BY id DESC LIMIT @limit");
    const takeFaultTx = db.transaction((p) => {
        const f = nextFault.get(p);
        if (!f)
            return undefined;
        useFault.run({ id: f.id });
        return f.errcode;
    });
    return {
        recordCall: (accountId, endpoint, errcode, at) => void insertCall.run({ account_id: accountId, endpoint, errcode, at }),
        countCalls: (accountId, endpoint) => (endpoint === undefined
            ? countAll.get({ account_id: accountId })
            : countOne.get({ account_id: accountId, endpoint }))?.n ?? 0,
        callCounts: (accountId) => perEndpoint.all({ account_id: accountId }),
        addFault: (f) => void insertFault.run({
            account_id: f.accountId,
            endpoint: f.endpoint,
            errcode: f.errcode,
            remaining: f.times,
            after_processing: f.afterProcessing ? 1 : 0,
            at: f.at,
        }),
        takeFault: (accountId, endpoint, afterProcessing) => takeFaultTx.immediate({ account_id: accountId, endpoint, after_processing: afterProcessing ? 1 : 0 }),
        listFaults: (accountId) => selectFaults.all({ account_id: accountId }).map((f) => ({
            id: f.id,
            endpoint: f.endpoint,
            errcode: f.errcode,
            remaining: f.remaining,
            afterProcessing: f.after_processing === 1,
        })),
        clearFaults: (accountId) => void deleteFaults.run({ account_id: accountId }),
        addInteraction: (accountId, openId, kind, at) => void insertInteraction.run({ account_id: accountId, open_id: openId, kind, at }),
        interactionsSince: (accountId, openId, since) => selectInteractions.all({ account_id: accountId, open_id: openId, since }),
        listInteractions: (accountId, limit) => recentInteractions.all({ account_id: accountId, limit }).map((r) => ({ openId: r.open_id, kind: r.kind, at: r.at })),
    };
}
//# sourceMappingURL=sandbox-control-store.js.map