"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildUrl = buildUrl;
exports.requestWeChat = requestWeChat;
const errors_1 = require("../errors");
const logger_1 = require("../logger");
/**
 * Ids WeChat sends as bare JSON numbers. publish_id/msg_id are 64-bit on WeChat's side and may
 * pass 2^53 (protocol §2, §5.4), so they are quoted before JSON.parse can round them.
 */
const ID_NUMBER_RE = /"(msg_id|msg_data_id|publish_id)"(\s*):(\s*)(-?\d+)/g;
function parseJsonBody(text) {
    return JSON.parse(text.replace(ID_NUMBER_RE, '"$1"$2:$3"$4"'));
}
/** The full URL of a call, access_token included: never log it without redactUrl. */
function buildUrl(baseUrl, request, accessToken) {
    const url = new URL(baseUrl.replace(/\/+$/, "") + request.path);
    for (const [key, value] of Object.entries(request.query ?? {})) {
        if (value !== undefined)
            url.searchParams.set(key, value);
    }
    if (accessToken !== undefined)
        url.searchParams.set("access_token", accessToken);
    return url;
}
/**
 * One HTTP exchange with WeChat: no retries here. The body is parsed as JSON whatever the
 * Content-Type (media/uploadimg answers JSON as text/plain: protocol §5.2, doocs/md#1877).
 * errcode ≠ 0 becomes WeChatApiError naming the endpoint, errcode and errmsg.
 */
async function requestWeChat(request, accessToken, options) {
    const url = buildUrl(options.baseUrl, request, accessToken);
    const endpoint = request.path;
    const method = request.method ?? (request.json !== undefined || request.form ? "POST" : "GET");
    const init = { method, signal: AbortSignal.timeout(options.timeoutMs) };
    if (request.form) {
        init.body = request.form;
    }
    else if (request.json !== undefined) {
        // JSON.stringify keeps Chinese as UTF-8 text; WeChat wants "a plain string, not \uXXXX" (§5.3).
        init.body = JSON.stringify(request.json);
        init.headers = { "content-type": "application/json; charset=utf-8" };
    }
    const started = Date.now();
    let response;
    let text;
    try {
        response = await options.fetch(url, init);
        text = await response.text();
    }
    catch (err) {
        // The message names the endpoint only: the URL carries the access_token.
        const e = err;
        const detail = e.cause?.code ?? e.cause?.message;
        const code = typeof detail === "string" ? ` (${detail})` : "";
        const reason = `${typeof e.message === "string" ? e.message : String(err)}${code}`;
        throw new errors_1.AppError("wechat_unreachable", `wechat: ${endpoint} unreachable: ${reason}`, { status: 502 });
    }
    let body;
    try {
        body = parseJsonBody(text);
    }
    catch {
        throw new errors_1.AppError("wechat_bad_response", `wechat: ${endpoint} answered HTTP ${response.status} with a body that is not JSON`, { status: 502 });
    }
    if (typeof body !== "object" || body === null || Array.isArray(body)) {
        throw new errors_1.AppError("wechat_bad_response", `wechat: ${endpoint} answered JSON that is not an object`, { status: 502 });
    }
    const wire = body;
    const errcode = typeof wire.errcode === "number" ? wire.errcode : Number(wire.errcode ?? 0);
    options.log.debug({ endpoint, method, url: (0, logger_1.redactUrl)(url.toString()), status: response.status, errcode, ms: Date.now() - started }, "wechat api call");
    if (Number.isNaN(errcode) || errcode !== 0) {
        throw new errors_1.WeChatApiError(endpoint, Number.isNaN(errcode) ? -2 : errcode, String(wire.errmsg ?? ""), wire);
    }
    if (!response.ok) {
        throw new errors_1.AppError("wechat_http_error", `wechat: ${endpoint} answered HTTP ${response.status}`, { status: 502 });
    }
    return wire;
}
//# sourceMappingURL=request-wechat.js.map