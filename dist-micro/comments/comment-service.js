"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.createCommentService = createCommentService;
/**
 * 留言 (issue 13): youths' comments on the account's published articles, read and moderated
 * through WeChat's comment API. The articles come from the publications ledger (their
 * msg_data_id); every staff action is written to the audit log whatever WeChat answers, and every
 * read refreshes the article's stored counts for the stats pages.
 */
const errors_1 = require("../errors");
const comment_count_store_1 = require("../db/stores/comment-count-store");
const api_errcodes_1 = require("../wechat/api-errcodes");
const comment_1 = require("../wechat/endpoints/comment");
/** At most this many comments are read per article (20 calls of comment/list). */
const MAX_COMMENTS = 20 * comment_1.COMMENT_PAGE_MAX;
const isPublishedWithId = (p) => p.state === "published" && p.msgDataId !== null && p.publishedAt !== null;
/** How the comment service reads and moderates comments; the API client is passed per call (sandbox mode serves its own). */
function createCommentService(deps) {
    const { accountId } = deps;
    const toArticle = (p, counts) => ({
        slug: p.slug,
        title: p.articleTitle ?? p.postTitle,
        columnId: p.columnId,
        publishedAt: p.publishedAt,
        articleUrl: p.articleUrl,
        ref: { msgDataId: p.msgDataId, index: 0 },
        count: counts.get((0, comment_count_store_1.commentCountKey)(p.msgDataId, 0)),
    });
    const failure = (err) => err instanceof errors_1.WeChatApiError ? { refusal: (0, api_errcodes_1.commentRefusal)(err.errcode), errcode: err.errcode } : { refusal: "other", errcode: null };
    return {
        /** Published articles with a msg_data_id, newest first, with their stored counts. */
        articles() {
            const counts = deps.counts.all(accountId);
            return deps.publications
                .list(accountId)
                .filter(isPublishedWithId)
                .sort((a, b) => b.publishedAt.getTime() - a.publishedAt.getTime())
                .map((p) => toArticle(p, counts));
        },
        article(slug) {
            const p = deps.publications.find(accountId, slug);
            return p && isPublishedWithId(p) ? toArticle(p, deps.counts.all(accountId)) : undefined;
        },
        /** Every comment of the article (up to MAX_COMMENTS), newest first; refreshes its stored counts. */
        async read(wechat, article) {
            const comments = [];
            let total = 0;
            try {
                do {
                    const page = await wechat.comment.list(article.ref, { begin: comments.length, count: comment_1.COMMENT_PAGE_MAX });
                    total = page.total;
                    comments.push(...page.comments);
                    if (page.comments.length === 0)
                        break;
                } while (comments.length < total && comments.length < MAX_COMMENTS);
            }
            catch (err) {
                const f = failure(err);
                deps.log.warn({ post: article.slug, errcode: f.errcode, refusal: f.refusal }, "reading comments failed");
                return { ok: false, ...f };
            }
            comments.sort((a, b) => b.createdAt.getTime() - a.createdAt.getTime() || Number(b.id) - Number(a.id));
            deps.counts.save(accountId, {
                msgDataId: article.ref.msgDataId,
                articleIdx: article.ref.index,
                total,
                elected: comments.filter((c) => c.elected).length,
                replied: comments.filter((c) => c.reply !== undefined).length,
                latestAt: comments[0]?.createdAt ?? null,
                refreshedAt: deps.clock.now(),
            });
            return { ok: true, total, comments };
        },
        /**
         * One staff action on one comment, through WeChat, audit-logged with its outcome. A reply must
         * have text and at most COMMENT_REPLY_MAX_CHARS characters (refused here, before WeChat).
         */
        async act(wechat, article, action, o) {
            const text = (o.text ?? "").trim();
            if (action === "reply" && (text === "" || [...text].length > comment_1.COMMENT_REPLY_MAX_CHARS)) {
                return { ok: false, refusal: "invalid", errcode: null };
            }
            const record = {
                accountId,
                at: deps.clock.now(),
                staffName: o.by,
                action,
                postSlug: article.slug,
                msgDataId: article.ref.msgDataId,
                articleIdx: article.ref.index,
                userCommentId: o.commentId,
                detail: action === "reply" ? text : action === "delete" ? (o.commentText ?? null) : null,
                outcome: "ok",
                errcode: null,
            };
            const c = wechat.comment;
            try {
                if (action === "elect")
                    await c.markElect(article.ref, o.commentId);
                else if (action === "unelect")
                    await c.unmarkElect(article.ref, o.commentId);
                else if (action === "reply")
                    await c.addReply(article.ref, o.commentId, text);
                else if (action === "delete_reply")
                    await c.deleteReply(article.ref, o.commentId);
                else
                    await c.delete(article.ref, o.commentId);
            }
            catch (err) {
                const f = failure(err);
                deps.actions.record({ ...record, outcome: f.errcode === null ? "error" : `wechat_${f.errcode}`, errcode: f.errcode });
                deps.log.warn({ post: article.slug, action, errcode: f.errcode, by: o.by }, "comment action refused");
                return { ok: false, ...f };
            }
            deps.actions.record(record);
            deps.log.info({ post: article.slug, action, comment: o.commentId, by: o.by }, "comment action");
            return { ok: true };
        },
        /** The article's audit log, newest first. */
        history(article, limit = 100) {
            return deps.actions.forArticle(accountId, article.ref.msgDataId, article.ref.index, limit);
        },
    };
}
//# sourceMappingURL=comment-service.js.map