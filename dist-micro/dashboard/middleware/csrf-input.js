"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.requireCsrfInput = exports.CSRF_HEADER = void 0;
exports.inputOf = inputOf;
const errors_1 = require("../../errors");
const read_raw_body_1 = require("../../http/read-raw-body");
const csrf_1 = require("./csrf");
/** Control requests are a few fields; anything bigger is not ours. */
const INPUT_LIMIT_BYTES = 16 * 1024;
/** The header a script puts the session's CSRF token in when it posts JSON (or sends no body). */
exports.CSRF_HEADER = "x-csrf-token";
/**
 * The body of a form or JSON request as a flat object. Only these two types: a cross-site page can
 * post text/plain (or a form) without a CORS preflight, so a body is never sniffed into JSON.
 */
async function readInput(ctx) {
    const hasBody = Number(ctx.get("content-length") || 0) > 0 || ctx.get("transfer-encoding") !== "";
    if (!hasBody && ctx.get("content-type") === "")
        return {};
    if (ctx.is("application/x-www-form-urlencoded")) {
        return Object.fromEntries(new URLSearchParams(await (0, read_raw_body_1.readRawBody)(ctx.req, INPUT_LIMIT_BYTES)));
    }
    if (ctx.is("application/json")) {
        let parsed;
        try {
            parsed = JSON.parse(await (0, read_raw_body_1.readRawBody)(ctx.req, INPUT_LIMIT_BYTES));
        }
        catch (err) {
            if (err instanceof errors_1.RequestError)
                throw err;
            throw new errors_1.RequestError("bad_json", "the body is not JSON", 400);
        }
        if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
            throw new errors_1.RequestError("bad_json", "expected a JSON object", 400);
        return parsed;
    }
    throw new errors_1.RequestError("unsupported_input", "expected a form (application/x-www-form-urlencoded) or JSON (application/json)", 415);
}
function inputOf(ctx) {
    const input = ctx.state["input"];
    if (!input)
        throw new Error("dashboard: route registered without requireCsrfInput");
    return input;
}
/**
 * requireCsrf for routes that scripts call as well as forms (the sandbox's control routes): the
 * session's CSRF token in the `_csrf` field of a form or JSON body, or in the X-CSRF-Token header
 * (also for a request without a body, such as DELETE). Any other body type gets 415, a cross-site
 * request or a wrong token 403, before anything runs. Runs after requireStaff; leaves the body
 * without `_csrf` on ctx.state.input.
 */
const requireCsrfInput = async (ctx, next) => {
    if ((0, csrf_1.crossSiteRefusal)(ctx))
        return;
    const staff = ctx.state["staff"];
    const { _csrf: fromBody, ...input } = await readInput(ctx);
    const given = ctx.get(exports.CSRF_HEADER) || (typeof fromBody === "string" ? fromBody : undefined);
    if (!staff || !(0, csrf_1.tokensMatch)(staff.csrfToken, given)) {
        (0, csrf_1.refuseCsrf)(ctx);
        return;
    }
    ctx.state["input"] = input;
    await next();
};
exports.requireCsrfInput = requireCsrfInput;
//# sourceMappingURL=csrf-input.js.map