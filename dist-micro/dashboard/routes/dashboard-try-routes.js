"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.TRY_OPENID = void 0;
exports.tryBot = tryBot;
exports.mountTryRoutes = mountTryRoutes;
const format_reply_1 = require("../../cli/format-reply");
const build_push_1 = require("../../wechat/build-push");
const parse_reply_1 = require("../../wechat/parse-reply");
const csrf_1 = require("../middleware/csrf");
const pages_1 = require("../presenters/pages");
const dashboard_page_routes_1 = require("./dashboard-page-routes");
const try_bot_panel_1 = require("../views/try-bot-panel");
const auth_session_1 = require("../middleware/auth-session");
/** The simulated youth of the "try the bot" panel (OpenIDs are 28 characters starting with "o"). */
exports.TRY_OPENID = "oLunTaiDashboardTryYouth0001";
/**
 * Posts `text` to our own webhook exactly as WeChat would (signed, and encrypted in compat/safe
 * mode) on the address this request came in on, and renders the passive reply as the youth sees it.
 */
async function tryBot(deps, ctx, text) {
    const account = deps.accounts.get("default");
    const aesKey = account.aesKeys[0];
    const push = (0, build_push_1.buildPush)({ kind: "text", content: text }, exports.TRY_OPENID, { token: account.token, originalId: account.originalId, encrypt: account.encryptMode !== "plain", appId: account.appId, aesKey }, deps.clock.now());
    const { localAddress, localPort } = ctx.req.socket;
    const host = !localAddress ? "127.0.0.1" : localAddress.includes(":") ? `[${localAddress}]` : localAddress;
    try {
        const res = await fetch(`http://${host}:${localPort}/wechat?${push.query}`, {
            method: "POST",
            headers: { "content-type": "text/xml" },
            body: push.body,
            signal: AbortSignal.timeout(6000),
        });
        const body = await res.text();
        if (res.status !== 200)
            return { sent: text, reply: `公众号服务器拒绝了这条消息：HTTP ${res.status} ${body}`, failed: true };
        return { sent: text, reply: (0, format_reply_1.formatReply)((0, parse_reply_1.parseReply)(body, aesKey)) };
    }
    catch (err) {
        return { sent: text, reply: `无法连接公众号服务器：${err.message}`, failed: true };
    }
}
/** POST /dashboard/messages/try (sandbox mode only): the messages page with the exchange shown. */
function mountTryRoutes(router, deps, pages) {
    const spec = pages_1.PAGES.find((p) => p.id === "messages");
    router.post("/messages/try", pages.requireStaff, csrf_1.requireCsrf, async (ctx) => {
        const text = ((0, csrf_1.formOf)(ctx).get("text") ?? "").trim().slice(0, 200);
        const exchange = text ? await tryBot(deps, ctx, text) : { sent: "", reply: "请输入要发送的内容。", failed: true };
        (0, dashboard_page_routes_1.renderStatsPage)(pages, ctx, spec, {}, (0, try_bot_panel_1.tryBotPanel)((0, auth_session_1.staffOf)(ctx).csrfToken, exchange));
    });
}
//# sourceMappingURL=dashboard-try-routes.js.map