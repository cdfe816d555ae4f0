"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createArticleCatalog = createArticleCatalog;
/** reply.latest is at most 8 (columns.yml). */
const PER_COLUMN = 8;
/** Publications made by another process (the CLI) show within this long. */
const DEFAULT_TTL_MS = 5000;
/**
 * What the bot answers a column's keyword with: its latest published articles. The router reads
 * an in-memory snapshot (never a query per message); the snapshot is rebuilt from the ledger after
 * a publication in this process, or after `ttlMs` for publications made by another process.
 */
function createArticleCatalog(store, clock, ttlMs = DEFAULT_TTL_MS) {
    const snapshots = new Map();
    const load = (accountId) => {
        const byColumn = new Map();
        for (const r of store.publishedArticles(accountId, PER_COLUMN)) {
            const list = byColumn.get(r.columnId) ?? [];
            const article = { title: r.articleTitle, digest: r.digest, url: r.articleUrl, coverUrl: r.coverUrl ?? "", publishedAt: r.publishedAt };
            if (r.issue !== null)
                article.issue = r.issue;
            list.push(article);
            byColumn.set(r.columnId, list);
        }
        const snapshot = { at: clock.now().getTime(), byColumn };
        snapshots.set(accountId, snapshot);
        return snapshot;
    };
    const byColumn = (accountId) => {
        let snapshot = snapshots.get(accountId);
        if (!snapshot || clock.now().getTime() - snapshot.at >= ttlMs)
            snapshot = load(accountId);
        return snapshot.byColumn;
    };
    return {
        byColumn,
        latestArticles: (accountId, columnId, limit) => (byColumn(accountId).get(columnId) ?? []).slice(0, limit),
        invalidate: () => snapshots.clear(),
    };
}
//# sourceMappingURL=article-catalog.js.map