"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.COMMENT_REPLY_MAX_CHARS = exports.COMMENT_PAGE_MAX = void 0;
exports.commentEndpoints = commentEndpoints;
const zod_1 = require("zod");
const api_types_1 = require("../api-types");
// 留言管理 (doc: developers.weixin.qq.com/doc/service/api/leaving/…; the family is listed at
// doc/subscription/guide/product/comments.html). Every call names an article by the msg_data_id
// that mass/sendall or freepublish/submit returned and its 0-based index in that send.
const OPEN = "/cgi-bin/comment/open";
const CLOSE = "/cgi-bin/comment/close";
const LIST = "/cgi-bin/comment/list";
const MARK_ELECT = "/cgi-bin/comment/markelect";
const UNMARK_ELECT = "/cgi-bin/comment/unmarkelect";
const DELETE = "/cgi-bin/comment/delete";
const REPLY_ADD = "/cgi-bin/comment/reply/add";
const REPLY_DELETE = "/cgi-bin/comment/reply/delete";
/** comment/list answers at most this many per call: "获取数目（>=50会被拒绝）" (api_listcomment; 88010). */
exports.COMMENT_PAGE_MAX = 49;
/**
 * A reply longer than this is refused with 88007 ("reply content beyond max len or content len is
 * zero"). WeChat does not publish the number; 600 characters is what the MP console's reply box
 * takes (UNVERIFIED), so the dashboard and the simulator both hold replies to it.
 */
exports.COMMENT_REPLY_MAX_CHARS = 600;
const FILTER_TYPE = { all: 0, normal: 1, elected: 2 };
const listResponse = zod_1.z.object({
    total: zod_1.z.coerce.number().int().default(0),
    comment: zod_1.z
        .array(zod_1.z.object({
        user_comment_id: api_types_1.wireId,
        create_time: zod_1.z.coerce.number(),
        content: zod_1.z.string().default(""),
        comment_type: zod_1.z.coerce.number().int().default(0),
        openid: zod_1.z.string().optional(),
        reply: zod_1.z.object({ content: zod_1.z.string().default(""), create_time: zod_1.z.coerce.number().default(0) }).nullish(),
    }))
        .default([]),
});
/** msg_data_id and user_comment_id are Uint32 on the wire; the ledger keeps strings. */
const wireNumber = (id) => (/^\d{1,15}$/.test(id) ? Number(id) : id);
const article = (ref) => ({ msg_data_id: wireNumber(ref.msgDataId), index: ref.index });
/**
 * The comment API. Errcodes come back as WeChatApiError through the client; api-errcodes.ts
 * (commentRefusal) says what each means: 88000 / 48001 no permission, 88008 no such comment…
 * Reads and switches are retried on -1; deletions and replies are not (a repeat answers 88005/88008).
 */
function commentEndpoints(call) {
    const post = async (path, json, retryOnBusy) => {
        await call({ path, method: "POST", json, retryOnBusy });
    };
    return {
        /** comment/open: opens comments on an article already sent (needs the account's 留言 function). */
        open: (ref) => post(OPEN, article(ref), true),
        /** comment/close. */
        close: (ref) => post(CLOSE, article(ref), true),
        /** comment/list {begin, count ≤ 49, type}: one page of the article's comments and their total. */
        async list(ref, options = {}) {
            const json = {
                ...article(ref),
                begin: options.begin ?? 0,
                count: Math.min(options.count ?? exports.COMMENT_PAGE_MAX, exports.COMMENT_PAGE_MAX),
                type: FILTER_TYPE[options.filter ?? "all"],
            };
            const body = await call({ path: LIST, method: "POST", json, retryOnBusy: true });
            const wire = (0, api_types_1.parseWire)(listResponse, body, LIST);
            return {
                total: wire.total,
                comments: wire.comment.map((c) => {
                    const comment = {
                        id: c.user_comment_id,
                        createdAt: new Date(c.create_time * 1000),
                        content: c.content,
                        elected: c.comment_type === 1,
                    };
                    if (c.openid !== undefined && c.openid !== "")
                        comment.openId = c.openid;
                    if (c.reply && c.reply.content !== "")
                        comment.reply = { content: c.reply.content, createdAt: new Date(c.reply.create_time * 1000) };
                    return comment;
                }),
            };
        },
        /** comment/markelect: 精选 (88003 at the limit, 88004 deleted by the youth). */
        markElect: (ref, commentId) => post(MARK_ELECT, { ...article(ref), user_comment_id: wireNumber(commentId) }, true),
        /** comment/unmarkelect. */
        unmarkElect: (ref, commentId) => post(UNMARK_ELECT, { ...article(ref), user_comment_id: wireNumber(commentId) }, true),
        /** comment/delete: removes the youth's comment for everyone. */
        delete: (ref, commentId) => post(DELETE, { ...article(ref), user_comment_id: wireNumber(commentId) }, false),
        /** comment/reply/add: the account's one reply to a comment (88005 if it has one; 88007 empty or too long). */
        addReply: (ref, commentId, content) => post(REPLY_ADD, { ...article(ref), user_comment_id: wireNumber(commentId), content }, false),
        /** comment/reply/delete. */
        deleteReply: (ref, commentId) => post(REPLY_DELETE, { ...article(ref), user_comment_id: wireNumber(commentId) }, false),
    };
}
//# sourceMappingURL=comment.js.map