/**
 * What the API client does about each errcode. The source for every row is
 * research/wechat-protocol.md §6 ("Error codes a client must handle") and §5.1 (tokens).
 */

/**
 * The token was refused: 40001 "invalid credential, access_token is invalid or not latest",
 * 40014 invalid access_token, 42001 access_token expired. Drop the cached token only if it is
 * still the one used (compare-and-set, as WxJava does), refetch, retry once (§5.1, §6).
 */
export const TOKEN_REJECTED_ERRCODES: ReadonlySet<number> = new Set([40001, 40014, 42001]);

/** -1 系统繁忙: retry with bounded exponential backoff (WxJava: 1 s × 2^n, max 5 tries; §6). */
export const BUSY_ERRCODE = -1;

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
export const NEVER_RETRY_ERRCODES: ReadonlySet<number> = new Set([
  45009, 45011, 45015, 45028, 45047, 45065, 45066, 48001, 48004, 40164, 40013, 40125, 88000,
]);

/**
 * 45065: "clientmsgid exist" — a sendall with this clientmsgid was accepted in the last 24 h;
 * the answer carries the existing msg_id, so the send is treated as already done (§5.5).
 */
export const CLIENTMSGID_EXISTS_ERRCODE = 45065;

/** 46003: menu/get when no menu exists. */
export const MENU_NOT_FOUND_ERRCODE = 46003;

export type RetryAction = "refresh-token" | "back-off" | "fail";

/** What to do about an errcode: refresh the token and retry once, back off and retry, or fail now. */
export function retryActionFor(errcode: number): RetryAction {
  if (NEVER_RETRY_ERRCODES.has(errcode)) return "fail";
  if (TOKEN_REJECTED_ERRCODES.has(errcode)) return "refresh-token";
  if (errcode === BUSY_ERRCODE) return "back-off";
  return "fail";
}

export interface BackoffOptions {
  /** Retries after the first attempt (so maxRetries + 1 tries in all). */
  maxRetries: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

/** WxJava's schedule, bounded: base × 2^attempt, at most maxDelayMs. */
export const DEFAULT_BACKOFF: BackoffOptions = { maxRetries: 3, baseDelayMs: 1000, maxDelayMs: 8000 };

/** Delay before retry number `attempt` (0-based). */
export function backoffDelay(attempt: number, options: BackoffOptions = DEFAULT_BACKOFF): number {
  return Math.min(options.maxDelayMs, options.baseDelayMs * 2 ** attempt);
}

/**
 * What a refused customer-service send (message/custom/send) says about the reply window:
 * 45015 it is closed (48 h or 1 min passed, or the youth unfollowed), 45047 its count is used up
 * (5 per message, 3 per event: platform-2025.md §1g). Anything else says nothing about it.
 */
export function customSendRefusal(errcode: number | undefined): "closed" | "used_up" | "other" {
  if (errcode === 45015) return "closed";
  if (errcode === 45047) return "used_up";
  return "other";
}

/**
 * The comment API's own errcodes (留言管理, /cgi-bin/comment/…; doc:
 * developers.weixin.qq.com/doc/service/api/leaving/api_listcomment and its siblings, and the
 * 全局返回码 list), and what each means for the staff who tried:
 * - 88000 "without comment privilege": the account has no 留言 function; 48001 "api unauthorized"
 *   is what an unverified or personal account gets for the same calls (developer community thread
 *   "图文消息留言管理,查看评论返回48001错误"). Both are "no_permission": asking again will not help.
 * - 88001 msg_data is not exists · 88002 / 88011 the article is limit for safety
 * - 88003 elected comment upper limit · 88004 comment was deleted by user (cannot be featured)
 * - 88005 already reply · 88007 reply content beyond max len or content len is zero
 * - 88008 comment is not exists · 88009 reply is not exists · 88010 count range error (count ≤ 0 or ≥ 50)
 */
export type CommentRefusal =
  | "no_permission"
  | "article_not_found"
  | "article_restricted"
  | "elect_limit"
  | "deleted_by_user"
  | "already_replied"
  | "reply_invalid"
  | "comment_not_found"
  | "reply_not_found"
  | "bad_count"
  | "other";

const COMMENT_REFUSALS: Record<number, CommentRefusal> = {
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
export function commentRefusal(errcode: number | undefined): CommentRefusal {
  return (errcode !== undefined ? COMMENT_REFUSALS[errcode] : undefined) ?? "other";
}
