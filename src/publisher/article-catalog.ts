import type { ArticleCatalog } from "../deps";
import type { PublicationStore } from "../db/stores/publication-store";
import type { PublishedArticle } from "../bot/route-message";
import type { Clock } from "../time";

/** reply.latest is at most 8 (columns.yml). */
const PER_COLUMN = 8;
/** Publications made by another process (the CLI) show within this long. */
const DEFAULT_TTL_MS = 5000;

/**
 * What the bot answers a column's keyword with: its latest published articles. The router reads
 * an in-memory snapshot (never a query per message); the snapshot is rebuilt from the ledger after
 * a publication in this process, or after `ttlMs` for publications made by another process.
 */
export function createArticleCatalog(store: PublicationStore, clock: Clock, ttlMs = DEFAULT_TTL_MS): ArticleCatalog {
  const snapshots = new Map<string, { at: number; byColumn: Map<string, PublishedArticle[]> }>();
  const load = (accountId: string) => {
    const byColumn = new Map<string, PublishedArticle[]>();
    for (const r of store.publishedArticles(accountId, PER_COLUMN)) {
      const list = byColumn.get(r.columnId) ?? [];
      const article: PublishedArticle = { title: r.articleTitle, digest: r.digest, url: r.articleUrl, coverUrl: r.coverUrl ?? "", publishedAt: r.publishedAt };
      if (r.issue !== null) article.issue = r.issue;
      list.push(article);
      byColumn.set(r.columnId, list);
    }
    const snapshot = { at: clock.now().getTime(), byColumn };
    snapshots.set(accountId, snapshot);
    return snapshot;
  };
  const byColumn = (accountId: string) => {
    let snapshot = snapshots.get(accountId);
    if (!snapshot || clock.now().getTime() - snapshot.at >= ttlMs) snapshot = load(accountId);
    return snapshot.byColumn;
  };
  return {
    byColumn,
    latestArticles: (accountId, columnId, limit) => (byColumn(accountId).get(columnId) ?? []).slice(0, limit),
    invalidate: () => snapshots.clear(),
  };
}
