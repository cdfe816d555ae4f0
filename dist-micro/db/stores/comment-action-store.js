"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.COMMENT_ACTIONS = void 0;
exports.createCommentActionStore = createCommentActionStore;
exports.COMMENT_ACTIONS = ["elect", "unelect", "reply", "delete_reply", "delete", "open", "close"];
function createCommentActionStore(db) {
    const insert = db.prepare(`INSERT INTO comment_actions (account_id, at, staff_name, action, post_slug, msg_data_id, article_idx, user_comment_id, detail, outcome, errcode)
     VALUES (@account_id, @at, @staff_name, @action, @post_slug, @msg_data_id, @article_idx, @user_comment_id, @detail, @outcome, @errcode)`);
    const select = db.prepare(`SELECT account_id, at, staff_name, action, post_slug, msg_data_id, article_idx, user_comment_id, detail, outcome, errcode
       FROM comment_actions WHERE account_id = @account_id AND msg_data_id = @msg_data_id AND article_idx = @article_idx
      ORDER BY id DESC LIMIT @limit`);
    return {
        record(e) {
            insert.run({
                account_id: e.accountId,
                at: e.at.getTime(),
                staff_name: e.staffName,
                action: e.action,
                post_slug: e.postSlug,
                msg_data_id: e.msgDataId,
                article_idx: e.articleIdx,
                user_comment_id: e.userCommentId,
                detail: e.detail,
                outcome: e.outcome,
                errcode: e.errcode,
            });
        },
        forArticle(accountId, msgDataId, articleIdx, limit) {
            return select.all({ account_id: accountId, msg_data_id: msgDataId, article_idx: articleIdx, limit }).map((r) => ({
                accountId: r.account_id,
                at: new Date(r.at),
                staffName: r.staff_name,
                action: r.action,
                postSlug: r.post_slug,
                msgDataId: r.msg_data_id,
                articleIdx: r.article_idx,
                userCommentId: r.user_comment_id,
                detail: r.detail,
                outcome: r.outcome,
                errcode: r.errcode,
            }));
        },
    };
}
//# sourceMappingURL=comment-action-store.js.map