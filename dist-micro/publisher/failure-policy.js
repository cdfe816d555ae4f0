"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.PostProblems = exports.RETRY_DELAYS_MS = exports.MAX_ATTEMPTS = void 0;
exports.retryDelay = retryDelay;
exports.classifyFailure = classifyFailure;
const errors_1 = require("../errors");
/** Renderings of one post before a transient failure becomes final. */
exports.MAX_ATTEMPTS = 5;
/** Backoff after the 1st, 2nd, … transient failure. */
exports.RETRY_DELAYS_MS = [60_000, 5 * 60_000, 15 * 60_000, 60 * 60_000];
function retryDelay(attempt) {
    return exports.RETRY_DELAYS_MS[Math.min(Math.max(attempt - 1, 0), exports.RETRY_DELAYS_MS.length - 1)];
}
/** A post that cannot be sent as written: every problem, each naming file, line and field. */
class PostProblems extends errors_1.AppError {
    problems;
    constructor(problems) {
        super("content_invalid", problems.map((p) => p.message).join("\n"), { expose: true, status: 422 });
        this.problems = problems;
    }
}
exports.PostProblems = PostProblems;
/** errcode → what happened and what a person can do (protocol §6; anchors.md C3, C4). */
const FATAL = {
    48001: "this account may not use the API for it (48001): 群发 and 发布 through the API need 微信认证, and since 2025-07 unverified accounts lose 发布 (freepublish); verify the account or publish from the MP console",
    48004: "the API is banned for this account (48004): read the notice in the MP console",
    40164: "this server's IP address is not on the IP whitelist (40164): add it under 设置与开发 → 基本配置 → IP白名单",
    45002: "WeChat found the article too long (45002): shorten it",
    45003: "WeChat found the title too long (45003)",
    45004: "WeChat found the digest too long (45004)",
    45110: "WeChat found the author too long (45110)",
    45166: "WeChat refused the content (45166), usually because of a link it does not allow",
    53500: "publishing is banned for this account (53500): read the notice in the MP console",
    53503: "the draft failed WeChat's publish check (53503): open it in the MP console's 草稿箱 to see why",
    53504: "WeChat wants this draft handled in the MP console (53504: 需前往公众平台官网使用草稿)",
    53505: "WeChat wants this draft saved by hand first (53505: 请手动保存成功后再发表): open it in the MP console's 草稿箱 and save it",
    40005: "WeChat refused an image's file type (40005)",
    40009: "WeChat found an image too large (40009)",
    41005: "WeChat received an upload without data (41005)",
    40007: "WeChat does not know the draft or image any more (40007 invalid media_id): it was deleted in the MP console",
};
/** errcode → how long to wait before asking again. */
const RETRY = {
    [-1]: { delayMs: 60_000, reason: "WeChat was busy (-1)" },
    45009: { delayMs: 3600_000, reason: "the account's daily API quota is used up (45009)" },
    45011: { delayMs: 61_000, reason: "the API's minute quota was reached (45011)" },
    45066: { delayMs: 61_000, reason: "the same clientmsgid was sent less than a minute ago (45066)" },
    53501: { delayMs: 10 * 60_000, reason: "publishing too often (53501)" },
    89501: { delayMs: 5 * 60_000, reason: "an administrator has not yet confirmed the previous request (89501, API群发保护)" },
    89503: { delayMs: 5 * 60_000, reason: "an administrator must confirm this send on their phone within 30 minutes (89503, API群发保护)" },
};
function classifyFailure(err, attempt) {
    if (err instanceof PostProblems)
        return { kind: "fatal", code: "content", reason: err.message };
    if (err instanceof errors_1.ContentError)
        return { kind: "fatal", code: "content", reason: err.message };
    if (err instanceof errors_1.WeChatApiError) {
        const code = `wechat_${err.errcode}`;
        if (err.errcode === 45028) {
            return { kind: "quota", code, reason: "no 群发 quota left (45028): 订阅号 may mass-send once a day, 服务号 4 times a month" };
        }
        const retry = RETRY[err.errcode];
        if (retry)
            return { kind: "retry", code, reason: `${retry.reason} at ${err.endpoint}`, delayMs: Math.max(retry.delayMs, retryDelay(attempt)) };
        const fatal = FATAL[err.errcode];
        return { kind: "fatal", code, reason: fatal ? `${fatal} (${err.endpoint})` : `WeChat refused ${err.endpoint}: errcode ${err.errcode}: ${err.errmsg}` };
    }
    // Network errors, timeouts, unexpected bodies: the call may or may not have arrived; the
    // intents recorded before it make the next attempt look before it calls again.
    const message = err instanceof Error ? err.message : String(err);
    const code = err instanceof errors_1.AppError ? err.code : "network";
    return { kind: "retry", code, reason: `${message}`, delayMs: retryDelay(attempt) };
}
//# sourceMappingURL=failure-policy.js.map