import type { Sandbox } from "./sandbox-context";

/** Everything the sandbox received and did, newest first, for staff (GET /dashboard/sandbox/inspect) and tests. */
export function inspectSandbox(sb: Sandbox, limit = 100) {
  const { content, jobs, outbox, control } = sb.stores;
  const a = sb.accountId;
  const at = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
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
      massProtection: sb.settings.massProtection,
    },
    calls: control.callCounts(a),
    faults: control.listFaults(a),
    uploads: content.listMedia(a, limit).map((m) => ({ ...m, createdAt: at(m.createdAt) })),
    drafts: content.listDrafts(a, limit).map((d) => ({ ...d, createdAt: at(d.createdAt), updatedAt: at(d.updatedAt) })),
    publications: jobs.listPublications(a, limit).map((p) => ({ ...p, createdAt: at(p.createdAt), finishedAt: at(p.finishedAt) })),
    massSends: jobs.listMassSends(a, "sendall", limit).map((m) => ({ ...m, createdAt: at(m.createdAt), finishedAt: at(m.finishedAt) })),
    approvals: sb.stores.approvals.list(a, limit).map((x) => ({ ...x, createdAt: at(x.createdAt), decidedAt: at(x.decidedAt) })),
    previews: jobs.listMassSends(a, "preview", limit).map((m) => ({ ...m, createdAt: at(m.createdAt), finishedAt: at(m.finishedAt) })),
    customMessages: outbox.listCustomMessages(a, limit).map((m) => ({ ...m, createdAt: at(m.createdAt) })),
    menus: content.listMenus(a, limit).map((m) => ({ ...m, createdAt: at(m.createdAt) })),
    interactions: control.listInteractions(a, limit).map((i) => ({ ...i, at: at(i.at) })),
    pushes: outbox.listPushes(a, limit).map((p) => ({ ...p, createdAt: at(p.createdAt) })),
  };
}

export type SandboxInspection = ReturnType<typeof inspectSandbox>;
