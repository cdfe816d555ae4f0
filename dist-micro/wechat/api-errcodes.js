"use strict";
/**
 * What the API client does about each errcode. The source for every row is
 * research/wechat-protocol.md §6 ("Error codes a client must handle") and §5.1 (tokens).
 */
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_BACKOFF = exports.MENU_NOT_FOUND_ERRCODE = exports.CLIENTMSGID_EXISTS_ERRCODE = exports.NEVER_RETRY_ERRCODES = exports.BUSY_ERRCODE = exports.TOKEN_REJECTED_ERRCODES = void 0;
exports.retryActionFor = retryActionFor;
exports.backoffDelay = backoffDelay;
exports.customSendRefusal = customSendRefusal;
exports.commentRefusal = commentRefusal;
/**
 * The token was refused: 40001 "invalid credential, access_token is invalid or not latest",
 * 40014 invalid access_token, 42001 access_token expired. Drop the cached token only if it is
 * still the one used (compare-and-set, as WxJava does), refetch, retry once (§5.1, §6).
 */
exports.TOKEN_REJECTED_ERRCODES = new Set([40001, 40014, 42001]);
/** -1 系统繁忙: retry with bounded exponential backoff (WxJava: 1 s × 2^n, max 5 tries; §6). */
exports.BUSY_ERRCODE = -1;
/**
 * Never retried: quota, window and permission answers do not change by asking again (§6,
 * DESIGN rule 8). Listed so the intent is explicit: any code not named above fails at once too.
 * - 45009 daily API quota (also after > 20 stable_token force refreshes)
 * - 45011 minute quota (wait ≥ 60 s, which is the caller's call, not a blocking retry)
 * - 45015 outside the 48 h customer-service window / unsubscribed; 45047 5-per-window count
 * - 45028 no mass-send quota; 45065 clientmsgid already sent; 45066 same clientmsgid too fast
 * - 48001 api unauthorized (unverified, wrong account type, freepublish revoked since 2025-07)
 * - 48004 API banned; 40164 caller IP not whitelisted; 40013/40125 wrong appid/appsecret
 * - 88000 no 留言 permission (comment API)
 */
exports.NEVER_RETRY_ERRCODES = new Set([
    45009, 45011, 45015, 45028, 45047, 45065, 45066, 48001, 48004, 40164, 40013, 40125, 88000,
]);
/**
 * 45065: "clientmsgid exist" — a sendall with this clientmsgid was accepted in the last 24 h;
 * the answer carries the existing msg_id, so the send is treated as already done (§5.5).
 */
exports.CLIENTMSGID_EXISTS_ERRCODE = 45065;
/** 46003: menu/get when no menu exists. */
exports.MENU_NOT_FOUND_ERRCODE = 46003;
/** What to do about an errcode: refresh the token and retry once, back off and retry, or fail now. */
function retryActionFor(errcode) {
    if (exports.NEVER_RETRY_ERRCODES.has(errcode))
        return "fail";
    if (exports.TOKEN_REJECTED_ERRCODES.has(errcode))
        return "refresh-token";
    if (errcode === exports.BUSY_ERRCODE)
        return "back-off";
    return "fail";
}
/** WxJava's schedule, bounded: base × 2^attempt, at most maxDelayMs. */
exports.DEFAULT_BACKOFF = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 8000 };
/** Delay before retry number `attempt` (0-based). */
function backoffDelay(attempt, options = exports.DEFAULT_BACKOFF) {
    return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
}
/**
 * What a refused customer-service send (message/custom/send) says about the reply window:
 * 45015 it is closed (48 h or 1 min passed, or the youth unfollowed), 45047 its count is used up
 * (5 per message, 3 per event: platform-2025.md §1g). Anything else says nothing about it.
 */
function customSendRefusal(errcode) {
    if (errcode === 45015)
        return "closed";
    if (errcode === 45047)
        return "used_up";
    return "other";
}
const COMMENT_REFUSALS = {
    48001: "no_permission",
    88000: "no_permission",
    88001: "article_not_found",
    88002: "article_restricted",
    88011: "article_restricted",
    88003: "elect_limit",
    88004: "deleted_by_user",
    88005: "already_replied",
    88007: "reply_invalid",
    88008: "comment_not_found",
    88009: "reply_not_found",
    88010: "bad_count",
};
/** What a refused comment call says (see CommentRefusal); anything unlisted is "other". */
function commentRefusal(errcode) {
    return (errcode !== undefined ? COMMENT_REFUSALS[errcode] : undefined) ?? "other";
}
//# sourceMappingURL=api-errcodes.js.map