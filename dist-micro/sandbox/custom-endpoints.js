"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.customSendEndpoint = void 0;
exports.customWindowError = customWindowError;
const sandbox_context_1 = require("./sandbox-context");
/**
 * What a youth's action allows (doc:sub/guide/product/kf/intro.md; protocol §5.6): a message opens
 * 5 customer-service messages for 48 h; a menu click, subscribe or QR scan opens 3 for 1 minute.
 */
const GRANTS = {
    message: { windowMs: 48 * 3600_000, limit: 5 },
    click: { windowMs: 60_000, limit: 3 },
    subscribe: { windowMs: 60_000, limit: 3 },
    scan: { windowMs: 60_000, limit: 3 },
};
/** 45015 when no window is open, 45047 when every open window is used up; undefined when sending is allowed. */
function customWindowError(sb, openId, now) {
    const recent = sb.stores.control.interactionsSince(sb.accountId, openId, now - GRANTS.message.windowMs);
    // The newest interaction of each kind opens its own window; counting restarts with it.
    const open = recent.filter((i, n) => recent.findIndex((j) => j.kind === i.kind) === n && now < i.at + GRANTS[i.kind].windowMs);
    if (open.length === 0)
        return 45015;
    const usable = open.some((i) => sb.stores.outbox.countCustomMessagesSince(sb.accountId, openId, i.at) < GRANTS[i.kind].limit);
    return usable ? undefined : 45047;
}
const MSGTYPES = new Set(["text", "image", "voice", "video", "music", "news", "mpnews", "mpnewsarticle", "msgmenu", "miniprogrampage"]);
/**
 * POST /cgi-bin/message/custom/send {touser, msgtype, <type>:{…}}: verified accounts only (48001);
 * inside the window (45015) and its count (45047); news with one article only (45008).
 */
const customSendEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/message/custom/send",
    verifiedOnly: true,
    async handle(req) {
        const body = await req.json();
        const openId = body.touser;
        const msgtype = body.msgtype;
        if (typeof openId !== "string" || openId === "")
            (0, sandbox_context_1.reject)(40003);
        if (typeof msgtype !== "string" || !MSGTYPES.has(msgtype))
            (0, sandbox_context_1.reject)(40008);
        const part = body[msgtype];
        if (typeof part !== "object" || part === null)
            (0, sandbox_context_1.reject)(47001, { hint: `missing ${msgtype} object` });
        if (msgtype === "text" && !part.content)
            (0, sandbox_context_1.reject)(44004);
        if (msgtype === "news") {
            const articles = part.articles;
            if (!Array.isArray(articles) || articles.length === 0)
                (0, sandbox_context_1.reject)(44003);
            if (articles.length > 1)
                (0, sandbox_context_1.reject)(45008);
        }
        const windowError = customWindowError(sb, openId, req.now.getTime());
        if (windowError !== undefined)
            (0, sandbox_context_1.reject)(windowError);
        sb.stores.outbox.addCustomMessage(sb.accountId, { openId, msgtype, request: body, createdAt: req.now.getTime() });
        return { errcode: 0, errmsg: "ok" };
    },
});
exports.customSendEndpoint = customSendEndpoint;
//# sourceMappingURL=custom-endpoints.js.map