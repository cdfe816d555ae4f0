import type { Db } from "../open-database";

/** An article's comment figures as last read from comment/list (migration 0008). */
export interface CommentCount {
  msgDataId: string;
  articleIdx: number;
  total: number;
  elected: number;
  replied: number;
  latestAt: Date | null;
  refreshedAt: Date;
}

/** Comment counts per article, so the stats pages show them without calling WeChat. */
export interface CommentCountStore {
  save(accountId: string, count: CommentCount): void;
  /** Every stored count of the account, keyed by commentCountKey. */
  all(accountId: string): Map<string, CommentCount>;
}

interface Row {
  msg_data_id: string;
  article_idx: number;
  total: number;
  elected: number;
  replied: number;
  latest_at: number | null;
  refreshed_at: number;
}

/** "<msg_data_id>_<index>" with the comment API's 0-based index (datacube's msgid counts from 1). */
export const commentCountKey = (msgDataId: string, articleIdx: number) => `${msgDataId}_${articleIdx}`;

export function createCommentCountStore(db: Db): CommentCountStore {
  const upsert = db.prepare(
    `INSERT INTO comment_counts (account_id, msg_data_id, article_idx, total, elected, replied, latest_at, refreshed_at)
     VALUES (@account_id, @msg_data_id, @article_idx, @total, @elected, @replied, @latest_at, @refreshed_at)
     ON CONFLICT (account_id, msg_data_id, article_idx) DO UPDATE SET total = excluded.total, elected = excluded.elected,
       replied = excluded.replied, latest_at = excluded.latest_at, refreshed_at = excluded.refreshed_at`,
  );
  const select = db.prepare<{ account_id: string }, Row>(
    `SELECT msg_data_id, article_idx, total, elected, replied, latest_at, refreshed_at FROM comment_counts WHERE account_id = @account_id`,
  );
  return {
    save(accountId, c) {
      upsert.run({
        account_id: accountId,
        msg_data_id: c.msgDataId,
        article_idx: c.articleIdx,
        total: c.total,
        elected: c.elected,
        replied: c.replied,
        latest_at: c.latestAt === null ? null : c.latestAt.getTime(),
        refreshed_at: c.refreshedAt.getTime(),
      });
    },
    all(accountId) {
      const out = new Map<string, CommentCount>();
      for (const r of select.all({ account_id: accountId })) {
        out.set(commentCountKey(r.msg_data_id, r.article_idx), {
          msgDataId: r.msg_data_id,
          articleIdx: r.article_idx,
          total: r.total,
          elected: r.elected,
          replied: r.replied,
          latestAt: r.latest_at === null ? null : new Date(r.latest_at),
          refreshedAt: new Date(r.refreshed_at),
        });
      }
      return out;
    },
  };
}
