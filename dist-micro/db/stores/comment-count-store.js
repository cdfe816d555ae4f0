"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.commentCountKey = void 0;
exports.createCommentCountStore = createCommentCountStore;
/** "<msg_data_id>_<index>" with the comment API's 0-based index (datacube's msgid counts from 1). */
const commentCountKey = (msgDataId, articleIdx) => `${msgDataId}_${articleIdx}`;
exports.commentCountKey = commentCountKey;
function createCommentCountStore(db) {
    const upsert = db.prepare(`INSERT INTO comment_counts (account_id, msg_data_id, article_idx, total, elected, replied, latest_at, refreshed_at)
     VALUES (@account_id, @msg_data_id, @article_idx, @total, @elected, @replied, @latest_at, @refreshed_at)
     ON CONFLICT (account_id, msg_data_id, article_idx) DO UPDATE SET total = excluded.total, elected = excluded.elected,
       replied = excluded.replied, latest_at = excluded.latest_at, refreshed_at = excluded.refreshed_at`);
    const select = db.prepare(`SELECT msg_data_id, article_idx, total, elected, replied, latest_at, refreshed_at FROM comment_counts WHERE account_id = @account_id`);
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
            const out = new Map();
            for (const r of select.all({ account_id: accountId })) {
                out.set((0, exports.commentCountKey)(r.msg_data_id, r.article_idx), {
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
//# sourceMappingURL=comment-count-store.js.map