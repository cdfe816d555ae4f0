"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.securityHeaders = void 0;
exports.applySecurityHeaders = applySecurityHeaders;
/**
 * Every response of the service, pushes, 404s, errors and /healthz included: no framing
 * (clickjacking), scripts and styles from our own origin only (pages carry no inline script;
 * chart data sits in JSON blocks), no MIME sniffing, no referrer leaking page URLs to other sites.
 */
const HEADERS = [
    [
        "Content-Security-Policy",
        "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; " +
            "form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
    ],
    ["X-Content-Type-Options", "nosniff"],
    ["X-Frame-Options", "DENY"],
    ["Referrer-Policy", "same-origin"],
];
/** Sets the headers on a node:http response (the webhook's door, webhook/handle-push.ts). */
function applySecurityHeaders(res) {
    for (const [name, value] of HEADERS)
        res.setHeader(name, value);
}
/** The same for every Koa response: first in the chain, so 404s and mapped errors carry them too. */
const securityHeaders = async (ctx, next) => {
    applySecurityHeaders(ctx.res);
    await next();
};
exports.securityHeaders = securityHeaders;
//# sourceMappingURL=security-headers.js.map