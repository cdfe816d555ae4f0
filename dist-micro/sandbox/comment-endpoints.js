"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.commentEndpoints = void 0;
exports.commentArticle = commentArticle;
const comment_1 = require("../wechat/endpoints/comment");
const sandbox_context_1 = require("./sandbox-context");
const seed_comments_1 = require("./seed-comments");
const unixSeconds = (ms) => Math.floor(ms / 1000);
/** An id as WeChat takes it (Uint32, also accepted as digits in a string). */
function idOf(v) {
    if (typeof v === "number" && Number.isInteger(v) && v >= 0)
        return String(v);
    if (typeof v === "string" && /^\d{1,20}$/.test(v))
        return v;
    return undefined;
}
/**
 * The article a comment call names: msg_data_id from a send the simulator made (a publish job that
 * succeeded, or a 群发) and index inside it (0-based, default 0), else 88001 "msg_data is not
 * exists". Its comment switch starts as the draft said (need_open_comment, only_fans_can_comment);
 * an open article gets its first simulated comments then.
 */
function commentArticle(sb, body, now) {
    const msgDataId = idOf(body.msg_data_id);
    const idx = body.index === undefined ? 0 : Number(body.index);
    if (msgDataId === undefined || !Number.isInteger(idx) || idx < 0)
        (0, sandbox_context_1.reject)(88001);
    const set = sb.stores.comments.findArticleSet(sb.accountId, msgDataId);
    const articles = set ? (sb.stores.content.findDraft(sb.accountId, set.mediaId)?.articles ?? []) : [];
    if (!set || idx >= articles.length)
        (0, sandbox_context_1.reject)(88001);
    const key = { accountId: sb.accountId, msgDataId, idx };
    if (!sb.stores.comments.findArticle(key)) {
        const wire = (articles[idx] ?? {});
        const open = Number(wire.need_open_comment ?? 0) === 1;
        const seeded = open ? (0, seed_comments_1.seedComments)(sb.seed, msgDataId, idx, set.publishedAt, now.getTime()) : [];
        sb.stores.comments.addArticle(key, { open, onlyFans: Number(wire.only_fans_can_comment ?? 0) === 1, seededAt: now.getTime() }, seeded);
    }
    return key;
}
/** The comment a call names, visible: 88008 "comment is not exists" otherwise. */
function visibleComment(sb, key, body) {
    const id = idOf(body.user_comment_id);
    const comment = id === undefined ? undefined : sb.stores.comments.find(key, Number(id));
    if (!comment || comment.state === "deleted")
        (0, sandbox_context_1.reject)(88008);
    return comment;
}
function commentEndpoint(sb, path, run) {
    return {
        method: "POST",
        path,
        // An unverified (personal) account gets 48001 "api unauthorized" here (developer community:
        // "图文消息留言管理,查看评论返回48001错误"); forced faults give 88000 and the rest.
        verifiedOnly: true,
        async handle(req) {
            const body = await req.json();
            const key = commentArticle(sb, body, req.now);
            return { errcode: 0, errmsg: "ok", ...(run(key, body, req) ?? {}) };
        },
    };
}
/** The eight endpoints of 留言管理 (doc: developers.weixin.qq.com/doc/service/api/leaving/…). */
const commentEndpoints = (sb) => [
    commentEndpoint(sb, "/cgi-bin/comment/open", (key) => sb.stores.comments.setOpen(key, true)),
    commentEndpoint(sb, "/cgi-bin/comment/close", (key) => sb.stores.comments.setOpen(key, false)),
    commentEndpoint(sb, "/cgi-bin/comment/list", (key, body) => {
        const begin = Number(body.begin ?? -1);
        const count = Number(body.count ?? 0);
        const type = Number(body.type ?? 0);
        // "获取数目（>=50会被拒绝）" (api_listcomment); 88010 "count range error".
        if (!Number.isInteger(begin) || begin < 0 || !Number.isInteger(count) || count <= 0 || count > comment_1.COMMENT_PAGE_MAX)
            (0, sandbox_context_1.reject)(88010);
        if (![0, 1, 2].includes(type))
            (0, sandbox_context_1.reject)(47001, { hint: "type must be 0 (all), 1 (normal) or 2 (elected)" });
        const page = sb.stores.comments.list(key, type === 0 ? undefined : type === 2, begin, count);
        return {
            total: page.total,
            comment: page.comments.map((c) => ({
                user_comment_id: c.userCommentId,
                create_time: unixSeconds(c.createdAt),
                content: c.content,
                comment_type: c.elected ? 1 : 0,
                ...(c.openId === null ? {} : { openid: c.openId }),
                ...(c.replyContent === null ? {} : { reply: { content: c.replyContent, create_time: unixSeconds(c.replyAt ?? c.createdAt) } }),
            })),
        };
    }),
    commentEndpoint(sb, "/cgi-bin/comment/markelect", (key, body) => {
        const c = visibleComment(sb, key, body);
        if (c.state === "deleted_by_user")
            (0, sandbox_context_1.reject)(88004);
        sb.stores.comments.update(key, c.userCommentId, { elected: true });
    }),
    commentEndpoint(sb, "/cgi-bin/comment/unmarkelect", (key, body) => {
        sb.stores.comments.update(key, visibleComment(sb, key, body).userCommentId, { elected: false });
    }),
    commentEndpoint(sb, "/cgi-bin/comment/delete", (key, body) => {
        sb.stores.comments.update(key, visibleComment(sb, key, body).userCommentId, { state: "deleted", elected: false });
    }),
    commentEndpoint(sb, "/cgi-bin/comment/reply/add", (key, body, req) => {
        const c = visibleComment(sb, key, body);
        const content = typeof body.content === "string" ? body.content : "";
        if (content.trim() === "" || [...content].length > comment_1.COMMENT_REPLY_MAX_CHARS)
            (0, sandbox_context_1.reject)(88007);
        if (c.replyContent !== null)
            (0, sandbox_context_1.reject)(88005);
        sb.stores.comments.update(key, c.userCommentId, { replyContent: content, replyAt: req.now.getTime() });
    }),
    commentEndpoint(sb, "/cgi-bin/comment/reply/delete", (key, body) => {
        const c = visibleComment(sb, key, body);
        if (c.replyContent === null)
            (0, sandbox_context_1.reject)(88009);
        sb.stores.comments.update(key, c.userCommentId, { replyContent: null, replyAt: null });
    }),
];
exports.commentEndpoints = commentEndpoints;
//# sourceMappingURL=comment-endpoints.js.map