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

/**
 * What a refused datacube call says about the endpoint itself (数据统计, protocol §5.8;
 * platform-2025.md §1d), so the stats job knows whether asking an older endpoint can help:
 * - "no_permission": 48001 api unauthorized (not verified, or the permission set 7 not granted),
 *   48004 api banned, 50001 user unauthorized. An older endpoint may still be allowed.
 * - "unknown_api": 40066 invalid url: the platform (or a proxy in front of it) does not know this
 *   endpoint for the account; the older endpoint is the fallback.
 * - "offline": 47009 "this api is offline, please use the new api", what getarticletotal and
 *   getuserread now answer on some accounts (observed 2026-07 by SDK users after "停止维护").
 * - "quota": 45009 daily quota, 45011 minute quota: stop calling for this account, resume next run.
 * - "other": transient or a bad request (61500 date format, 61501 date range): retried next run.
 */
export type DatacubeRefusal = "no_permission" | "unknown_api" | "offline" | "quota" | "other";

const DATACUBE_REFUSALS: Record<number, DatacubeRefusal> = {
  48001: "no_permission",
  48004: "no_permission",
  50001: "no_permission",
  40066: "unknown_api",
  47009: "offline",
  45009: "quota",
  45011: "quota",
};

/** What a refused datacube call means (see DatacubeRefusal); anything unlisted is "other". */
export function datacubeRefusal(errcode: number | undefined): DatacubeRefusal {
  return (errcode !== undefined ? DATACUBE_REFUSALS[errcode] : undefined) ?? "other";
}

/**
 * What the publisher does about a refused call:
 * - retry: transient (busy, minute quota, too fast); ask again later with backoff
 * - quota: no 群发 quota left (45028); wait for the next quota window
 * - draft_only: the account may not publish or mass-send through the API (48001); the draft is
 *   made, a person sends it from the MP console
 * - approval_pending: API 群发保护 holds the send for an admin's confirmation (89503, 89501)
 * - approval_refused: the admin refused (89506, 89507); never asked again automatically
 * - fatal: asking again will not help (content, permission, deleted draft)
 */
export type ErrcodeAction = "retry" | "quota" | "draft_only" | "approval_pending" | "approval_refused" | "fatal";

export interface ErrcodeMeaning {
  action: ErrcodeAction;
  /** For staff, in Chinese: what happened (with the code) and what to do. Stored as the failure reason. */
  text: string;
  /** retry: how long to wait at least before asking again. */
  delayMs?: number;
}

/**
 * errcode → meaning → action: THE table (issue 15; protocol §6; platform-2025.md §1a, §1b). The
 * publisher's failure policy and every page that shows a failure read it; nothing matches on
 * errmsg text. 8950x are the codes of WeChat's 风险操作保护 confirmation (WxOpenErrorMsgEnum);
 * that API 群发保护 answers with them is our reading of the research, which marks it UNVERIFIED.
 */
export const ERRCODE_MEANINGS: Readonly<Record<number, ErrcodeMeaning>> = {
  [-1]: { action: "retry", delayMs: 60_000, text: "微信系统繁忙（-1）：稍后自动重试，无需操作" },
  40001: { action: "retry", delayMs: 60_000, text: "access_token 失效（40001）：已刷新，稍后自动重试；反复出现请检查是否有其他程序在用同一个 AppSecret 刷新令牌" },
  40005: { action: "fatal", text: "微信不接受图片的文件类型（40005）：请把图片另存为 JPG 或 PNG 后重新发布" },
  40007: { action: "fatal", text: "微信找不到草稿或图片（40007 invalid media_id）：它可能已在公众号后台被删除；请点“重试”重新生成草稿" },
  40009: { action: "fatal", text: "图片太大（40009）：请把图片压缩到 1 MB 以内后重新发布" },
  // A matrix has one AppID/AppSecret per account (issue 14): the fix names where that account's live.
  40013: { action: "fatal", text: "AppID 不对（40013 invalid appid）：请核对服务器 .env 里该账号的 AppID（wx 开头共 18 位；团县委账号是 WECHAT_APP_ID，乡镇账号是 content/accounts.yml 中它的 env.app_id 所写的变量），改好后重启服务，再点“重试”" },
  40125: { action: "fatal", text: "AppSecret 不对（40125 invalid appsecret）：请在 微信开发者平台 → 我的业务 → 公众号 → 基础信息 核对或重置 AppSecret，填进服务器 .env 里该账号的 AppSecret 变量（团县委账号是 WECHAT_APP_SECRET，乡镇账号是 content/accounts.yml 中它的 env.app_secret 所写的变量），重启服务后点“重试”" },
  40164: { action: "fatal", text: "服务器 IP 不在白名单（40164）：请在 微信开发者平台 → 我的业务 → 公众号 → 基础信息 → IP白名单 中加入本服务器的 IP，然后点“重试”" },
  41005: { action: "fatal", text: "上传的图片没有数据（41005）：请检查图片文件是否完整，然后点“重试”" },
  45002: { action: "fatal", text: "正文太长（45002）：微信要求正文少于 2 万字符（含排版代码），请删减正文" },
  45003: { action: "fatal", text: "标题太长（45003）：标题最多 32 个字，请缩短 title" },
  45004: { action: "fatal", text: "摘要太长（45004）：摘要最多 128 个字，请缩短 digest" },
  45009: { action: "retry", delayMs: 3600_000, text: "今天的接口调用次数已用完（45009）：一小时后自动重试；急用可在开发者平台清零调用次数" },
  45011: { action: "retry", delayMs: 61_000, text: "接口调用太频繁（45011）：一分钟后自动重试，无需操作" },
  45028: { action: "quota", text: "群发次数已用完（45028）：订阅号每天可群发 1 次，服务号每月 4 次（含公众号后台的群发）；将在下一个可群发的时间自动发送" },
  45065: { action: "retry", delayMs: 61_000, text: "该群发 24 小时内已经发出过（45065 clientmsgid 已存在）：按已发送处理，不会重复群发" },
  45066: { action: "retry", delayMs: 61_000, text: "同一群发重试太快（45066）：一分钟后自动核对，不会重复群发" },
  45067: { action: "fatal", text: "群发编号 clientmsgid 太长（45067）：这是程序问题，请联系技术人员" },
  45110: { action: "fatal", text: "作者名太长（45110）：作者最多 16 个字，请缩短 author" },
  45166: { action: "fatal", text: "微信不接受正文内容（45166）：通常是正文里有微信不允许的链接，请删除外部链接后重新发布" },
  48001: {
    action: "draft_only",
    text: "该账号无发布接口权限，请在公众号后台手动发表（48001：2025年7月起，未认证的账号不能通过接口发表或群发；草稿已建好，在草稿箱中）",
  },
  48004: { action: "fatal", text: "该账号的接口已被封禁（48004）：请登录公众号后台查看通知" },
  53500: { action: "fatal", text: "该账号的发布功能已被封禁（53500）：请登录公众号后台查看通知" },
  53501: { action: "retry", delayMs: 10 * 60_000, text: "发布太频繁（53501）：十分钟后自动重试，无需操作" },
  53503: { action: "fatal", text: "草稿未通过微信的发布检查（53503）：请在公众号后台的草稿箱打开该草稿查看原因" },
  53504: { action: "fatal", text: "微信要求在公众号后台处理该草稿（53504）：请在公众号后台的草稿箱中手动发表" },
  53505: { action: "fatal", text: "微信要求先手动保存草稿（53505）：请在公众号后台的草稿箱打开并保存该草稿，然后点“重试”" },
  89501: { action: "approval_pending", text: "等待管理员确认群发（89501，API 群发保护）：请管理员在微信中确认，30 分钟内未确认则本次群发失败" },
  89503: { action: "approval_pending", text: "群发需要管理员确认（89503，API 群发保护）：请管理员在 30 分钟内在微信中确认；不需要时可在公众号后台 设置 → 安全中心 → 风险操作保护 中关闭" },
  89506: { action: "approval_refused", text: "管理员拒绝了群发（89506，24 小时内已拒绝两次）：24 小时内不能再通过接口群发；确需发送请在公众号后台操作，或点“重试”改日再发" },
  89507: { action: "approval_refused", text: "管理员拒绝了群发（89507）：一小时内不能再通过接口群发；确需发送请点“重试”，并请管理员确认" },
};

/** The meaning of any errcode: the table's row, or a plain statement for codes it does not list. */
export function explainErrcode(errcode: number, errmsg = ""): ErrcodeMeaning {
  return (
    ERRCODE_MEANINGS[errcode] ?? {
      action: "fatal",
      text: `微信拒绝了请求（errcode ${errcode}${errmsg ? `：${errmsg}` : ""}）：请把这句话发给技术人员，处理后点“重试”`,
    }
  );
}

/** freepublish publish_status (protocol §2): 2–6 are failures, in staff's words. */
const PUBLISH_STATUS_REASONS: Readonly<Record<number, string>> = {
  2: "原创声明校验未通过（publish_status 2）：请在公众号后台的草稿箱检查原创声明后手动发表，或去掉原创声明后点“重试”",
  3: "微信未能发表（publish_status 3，常规失败）：请在公众号后台的草稿箱打开该草稿查看原因",
  4: "平台审核不通过（publish_status 4）：请修改内容后点“重试”",
  5: "发表后文章被删除（publish_status 5）",
  6: "发表后文章被微信封禁（publish_status 6）：请登录公众号后台查看通知",
};

export function publishStatusReason(status: number): string {
  return PUBLISH_STATUS_REASONS[status] ?? `微信报告发表失败（publish_status ${status}）：请在公众号后台查看`;
}

/** MASSSENDJOBFINISH Status err(n) (protocol §2): why WeChat stopped a mass send. */
const MASS_STOP_REASONS: Readonly<Record<string, string>> = {
  "10001": "涉嫌广告",
  "20001": "涉嫌政治",
  "20004": "涉嫌社会",
  "20002": "涉嫌色情",
  "20006": "涉嫌违法犯罪",
  "20008": "涉嫌欺诈",
  "20013": "涉嫌版权",
  "22000": "涉嫌互推（互相宣传）",
  "21000": "涉嫌其他",
};

/** A mass send that ended badly (SEND_FAIL, DELETE, "send fail", err(n)), in staff's words. */
export function massStatusReason(status: string): string {
  const s = status.trim();
  const code = s.toLowerCase().startsWith("err(") && s.endsWith(")") ? s.slice(4, -1) : undefined;
  if (code !== undefined) return `微信审核拦截了群发（${s}${MASS_STOP_REASONS[code] ? `，${MASS_STOP_REASONS[code]}` : ""}）：请修改内容后点“重试”`;
  if (s.toUpperCase() === "DELETE") return "群发后消息被删除（DELETE）";
  return `群发失败（${s}）：请在公众号后台的群发记录中查看原因`;
}
