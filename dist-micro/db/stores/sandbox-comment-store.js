"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createSandboxCommentStore = createSandboxCommentStore;
const toComment = (r) => ({
    userCommentId: r.user_comment_id,
    openId: r.open_id,
    content: r.content,
    createdAt: r.created_at,
    elected: r.elected === 1,
    state: r.state,
    replyContent: r.reply_content,
    replyAt: r.reply_at,
});
const keyParams = (k) => ({ account_id: k.accountId, msg_data_id: k.msgDataId, idx: k.idx });
const KEY = "account_id = @account_id AND msg_data_id = @msg_data_id AND article_idx = @idx";
const COLUMNS = "user_comment_id, open_id, content, created_at, elected, state, reply_content, reply_at";
function createSandboxCommentStore(db) {
    const selectSet = db.prepare(`SELECT media_id, created_at FROM sandbox_publications
      WHERE account_id = @account_id AND msg_data_id = @msg_data_id AND publish_status = 0
     UNION ALL
     SELECT media_id, created_at FROM sandbox_mass_sends
      WHERE account_id = @account_id AND msg_data_id = @msg_data_id AND kind = 'sendall' AND media_id IS NOT NULL
     LIMIT 1`);
    const selectArticle = db.prepare(`SELECT open, only_fans, seeded_at FROM sandbox_comment_articles WHERE ${KEY}`);
    const insertArticle = db.prepare(`INSERT OR IGNORE INTO sandbox_comment_articles (account_id, msg_data_id, article_idx, open, only_fans, seeded_at)
     VALUES (@account_id, @msg_data_id, @idx, @open, @only_fans, @seeded_at)`);
    const updateOpen = db.prepare(`UPDATE sandbox_comment_articles SET open = @open WHERE ${KEY}`);
    const nextId = db.prepare(`SELECT coalesce(max(user_comment_id), 0) + 1 AS next FROM sandbox_comments WHERE ${KEY}`);
    const insertComment = db.prepare(`INSERT INTO sandbox_comments (account_id, msg_data_id, article_idx, user_comment_id, open_id, content, created_at)
     VALUES (@account_id, @msg_data_id, @idx, @id, @open_id, @content, @created_at)`);
    const filter = "state = 'visible' AND (@elected IS NULL OR elected = @elected)";
    const countVisible = db.prepare(`SELECT count(*) AS n FROM sandbox_comments WHERE ${KEY} AND ${filter}`);
    const pageVisible = db.prepare(`SELECT ${COLUMNS} FROM sandbox_comments WHERE ${KEY} AND ${filter}
      ORDER BY created_at DESC, user_comment_id DESC LIMIT @count OFFSET @begin`);
    const selectComment = db.prepare(`SELECT ${COLUMNS} FROM sandbox_comments WHERE ${KEY} AND user_comment_id = @id`);
    const updateComment = db.prepare(`UPDATE sandbox_comments SET elected = coalesce(@elected, elected), state = coalesce(@state, state),
        reply_content = CASE WHEN @set_reply = 1 THEN @reply_content ELSE reply_content END,
        reply_at = CASE WHEN @set_reply = 1 THEN @reply_at ELSE reply_at END
      WHERE ${KEY} AND user_comment_id = @id`);
    const add = (key, c) => {
        const id = nextId.get(keyParams(key)).next;
        insertComment.run({ ...keyParams(key), id, open_id: c.openId, content: c.content, created_at: c.createdAt });
        return id;
    };
    const addArticleTx = db.transaction((key, a, comments) => {
        const inserted = insertArticle.run({ ...keyParams(key), open: a.open ? 1 : 0, only_fans: a.onlyFans ? 1 : 0, seeded_at: a.seededAt });
        if (inserted.changes === 0)
            return;
        for (const c of comments)
            add(key, c);
    });
    const addCommentTx = db.transaction(add);
    return {
        findArticleSet(accountId, msgDataId) {
            const r = selectSet.get({ account_id: accountId, msg_data_id: msgDataId });
            return r && { mediaId: r.media_id, publishedAt: r.created_at };
        },
        findArticle(key) {
            const r = selectArticle.get(keyParams(key));
            return r && { open: r.open === 1, onlyFans: r.only_fans === 1, seededAt: r.seeded_at };
        },
        addArticle: (key, article, comments) => addArticleTx(key, article, comments),
        setOpen: (key, open) => void updateOpen.run({ ...keyParams(key), open: open ? 1 : 0 }),
        addComment: (key, comment) => addCommentTx(key, comment),
        list(key, elected, begin, count) {
            const e = elected === undefined ? null : elected ? 1 : 0;
            return {
                total: countVisible.get({ ...keyParams(key), elected: e }).n,
                comments: pageVisible.all({ ...keyParams(key), elected: e, begin, count }).map(toComment),
            };
        },
        find(key, id) {
            const r = selectComment.get({ ...keyParams(key), id });
            return r && toComment(r);
        },
        update(key, id, changes) {
            const setReply = "replyContent" in changes ? 1 : 0;
            updateComment.run({
                ...keyParams(key),
                id,
                elected: changes.elected === undefined ? null : changes.elected ? 1 : 0,
                state: changes.state ?? null,
                set_reply: setReply,
                reply_content: changes.replyContent ?? null,
                reply_at: changes.replyAt ?? null,
            });
        },
    };
}
//# sourceMappingURL=sandbox-comment-store.js.map