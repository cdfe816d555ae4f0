import type { Db } from "../db/open-database";
import { createStatsArticleStore, type StatsArticleStore } from "../db/stores/stats-article-store";
import { createStatsMessageStore, type StatsMessageStore } from "../db/stores/stats-message-store";
import { createStatsPublicationStore, type StatsPublicationStore } from "../db/stores/stats-publication-store";
import { createStatsSnapshotStore, type StatsSnapshotStore } from "../db/stores/stats-snapshot-store";
import { createStatsSyncStore, type StatsSyncStore } from "../db/stores/stats-sync-store";
import { createQaTicketStore, type QaTicketStore } from "../db/stores/qa-ticket-store";
import { createCommentCountStore, type CommentCountStore } from "../db/stores/comment-count-store";

/** Every store the stats job, the dashboard and `cli stats` read or write. */
export interface StatsStores {
  snapshots: StatsSnapshotStore;
  /** The 2025 datacube family: getarticleread / getarticleshare / getbizsummary / getarticletotaldetail. */
  articles: StatsArticleStore;
  sync: StatsSyncStore;
  messages: StatsMessageStore;
  publications: StatsPublicationStore;
  /** 青年之声 tickets (read for the Q&A figures: src/http/presenters/present-qa.ts). */
  qa: QaTicketStore;
  /** 留言 counts per article, as last read from comment/list (the 留言 page refreshes them). */
  comments: CommentCountStore;
}

export function createStatsStores(db: Db): StatsStores {
  return {
    snapshots: createStatsSnapshotStore(db),
    articles: createStatsArticleStore(db),
    sync: createStatsSyncStore(db),
    messages: createStatsMessageStore(db),
    publications: createStatsPublicationStore(db),
    qa: createQaTicketStore(db),
    comments: createCommentCountStore(db),
  };
}
