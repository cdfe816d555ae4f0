"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.inspectSandbox = inspectSandbox;
/** Everything the sandbox received and did, newest first, for staff (GET /dashboard/sandbox/inspect) and tests. */
function inspectSandbox(sb, limit = 100) {
    const { content, jobs, outbox, control } = sb.stores;
    const a = sb.accountId;
    const at = (ms) => (ms === null ? null : new Date(ms).toISOString());
    return {
        account: {
            accountId: a,
            appId: sb.appId,
            accountType: sb.settings.accountType,
            verified: sb.settings.verified,
            callback: sb.settings.callback
                ? { url: sb.settings.callback.url, encryptMode: sb.settings.callback.encryptMode, originalId: sb.settings.callback.originalId }
                : null,
            jobDelayMs: sb.settings.jobDelayMs,
            publishOutcome: sb.settings.publishOutcome,
        },
        calls: control.callCounts(a),
        faults: control.listFaults(a),
        uploads: content.listMedia(a, limit).map((m) => ({ ...m, createdAt: at(m.createdAt) })),
        drafts: content.listDrafts(a, limit).map((d) => ({ ...d, createdAt: at(d.createdAt), updatedAt: at(d.updatedAt) })),
        publications: jobs.listPublications(a, limit).map((p) => ({ ...p, createdAt: at(p.createdAt), finishedAt: at(p.finishedAt) })),
        massSends: jobs.listMassSends(a, "sendall", limit).map((m) => ({ ...m, createdAt: at(m.createdAt), finishedAt: at(m.finishedAt) })),
        previews: jobs.listMassSends(a, "preview", limit).map((m) => ({ ...m, createdAt: at(m.createdAt), finishedAt: at(m.finishedAt) })),
        customMessages: outbox.listCustomMessages(a, limit).map((m) => ({ ...m, createdAt: at(m.createdAt) })),
        menus: content.listMenus(a, limit).map((m) => ({ ...m, createdAt: at(m.createdAt) })),
        interactions: control.listInteractions(a, limit).map((i) => ({ ...i, at: at(i.at) })),
        pushes: outbox.listPushes(a, limit).map((p) => ({ ...p, createdAt: at(p.createdAt) })),
    };
}
//# sourceMappingURL=inspect-sandbox.js.map