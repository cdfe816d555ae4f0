"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireCsrf = void 0;
exports.readForm = readForm;
exports.tokensMatch = tokensMatch;
exports.formOf = formOf;
exports.refuseCsrf = refuseCsrf;
exports.crossSiteRefusal = crossSiteRefusal;
const node_crypto_1 = require("node:crypto");
const errors_1 = require("../../errors");
const read_raw_body_1 = require("../../http/read-raw-body");
/** Dashboard forms are a few fields; anything bigger is not ours. */
const FORM_LIMIT_BYTES = 16 * 1024;
/** Parses an application/x-www-form-urlencoded body (415 for anything else, 413 when too big). */
async function readForm(ctx) {
    if (!ctx.is("application/x-www-form-urlencoded")) {
        throw new errors_1.RequestError("unsupported_form", "expected a form (application/x-www-form-urlencoded)", 415);
    }
    return new URLSearchParams(await (0, read_raw_body_1.readRawBody)(ctx.req, FORM_LIMIT_BYTES));
}
/** Constant-time equality of two tokens (false when either is missing). */
function tokensMatch(expected, given) {
    if (!expected || !given)
        return false;
    const a = Buffer.from(expected);
    const b = Buffer.from(given);
    return a.length === b.length && (0, node_crypto_1.timingSafeEqual)(a, b);
}
function formOf(ctx) {
    const form = ctx.state["form"];
    if (!form)
        throw new Error("dashboard: route registered without requireCsrf");
    return form;
}
/** Answers 403: the token is missing or wrong, or the request came from another site. */
function refuseCsrf(ctx) {
    ctx.status = 403;
    ctx.type = "text/plain";
    ctx.body = "表单已过期或来源不明，请刷新页面后重试 (CSRF token missing or invalid)";
}
/**
 * Refuses (403, true) a request the browser marks as sent by another site (Fetch Metadata,
 * Sec-Fetch-Site: cross-site or same-site). Our own forms and scripts are same-origin; browsers
 * without the header and non-browser clients send none and rely on the token alone.
 */
function crossSiteRefusal(ctx) {
    const site = ctx.get("sec-fetch-site");
    if (site === "" || site === "same-origin" || site === "none")
        return false;
    refuseCsrf(ctx);
    return true;
}
/**
 * Every POST of a signed-in page carries the session's CSRF token in a hidden `_csrf` field
 * (synchronizer token pattern); without it the request is refused with 403 before anything runs.
 * A request the browser marks cross-site is refused before its body is read. Runs after
 * requireStaff; leaves the parsed form on ctx.state.form.
 */
const requireCsrf = async (ctx, next) => {
    if (crossSiteRefusal(ctx))
        return;
    const staff = ctx.state["staff"];
    const form = await readForm(ctx);
    if (!staff || !tokensMatch(staff.csrfToken, form.get("_csrf"))) {
        refuseCsrf(ctx);
        return;
    }
    ctx.state["form"] = form;
    await next();
};
exports.requireCsrf = requireCsrf;
//# sourceMappingURL=csrf.js.map