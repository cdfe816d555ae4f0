"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.webhookAccountOf = webhookAccountOf;
/**
 * The account a webhook path names: null for `/wechat` (the default account), the decoded segment
 * for `/wechat/:account`, undefined when the path is not the webhook's. Matches what @koa/router
 * matches for the handshake's GET routes, trailing slash included.
 */
function webhookAccountOf(path) {
    if (!path.startsWith("/wechat"))
        return undefined;
    if (path.length === 7 || path === "/wechat/")
        return null;
    if (path.charCodeAt(7) !== 47 /* / */)
        return undefined;
    const segment = path.endsWith("/") ? path.slice(8, -1) : path.slice(8);
    if (segment === "" || segment.includes("/"))
        return undefined;
    try {
        return decodeURIComponent(segment);
    }
    catch {
        return segment;
    }
}
//# sourceMappingURL=webhook-path.js.map