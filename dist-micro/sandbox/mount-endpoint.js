"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mountEndpoint = mountEndpoint;
const logger_1 = require("../logger");
const errmsgs_1 = require("./errmsgs");
const read_request_1 = require("./read-request");
const sandbox_context_1 = require("./sandbox-context");
const token_endpoints_1 = require("./token-endpoints");
/** Forced faults with these codes also kill the token that was used, as a real rejection means. */
const TOKEN_FAULTS = new Set([40001, 40014, 42001]);
function applyFault(sb, spec, afterProcessing, token, now) {
    const errcode = sb.stores.control.takeFault(sb.accountId, spec.path, afterProcessing);
    if (errcode === undefined)
        return;
    if (token !== undefined && TOKEN_FAULTS.has(errcode))
        (0, token_endpoints_1.revokeRejectedToken)(sb, token, now);
    (0, sandbox_context_1.reject)(errcode);
}
/**
 * Serves one simulated endpoint the way WeChat does: access_token check (41001/40001/42001),
 * forced faults, 48001 for unverified accounts, then the handler; every answer is HTTP 200
 * with {errcode, errmsg} on failure, and every call is logged in sandbox_calls.
 */
function mountEndpoint(router, sb, spec) {
    const handler = async (ctx) => {
        const now = sb.clock.now();
        const query = Object.fromEntries(new URLSearchParams(ctx.querystring));
        const req = {
            ctx,
            now,
            query,
            json: () => (0, read_request_1.readJson)(ctx),
            upload: (maxBytes) => (0, read_request_1.readUpload)(ctx, maxBytes),
        };
        let body;
        try {
            const token = spec.public ? undefined : (0, token_endpoints_1.checkAccessToken)(sb, query.access_token, now);
            applyFault(sb, spec, false, token, now);
            if (spec.verifiedOnly && !sb.settings.verified)
                (0, sandbox_context_1.reject)(48001);
            body = await spec.handle(req);
            applyFault(sb, spec, true, token, now);
        }
        catch (err) {
            if (err instanceof sandbox_context_1.SandboxReject) {
                body = (0, errmsgs_1.errorBody)(err.errcode, err.extra);
            }
            else {
                sb.log.error({ err, endpoint: spec.path }, "sandbox endpoint failed");
                body = (0, errmsgs_1.errorBody)(-1);
            }
        }
        // An early refusal leaves the upload unread; drain it so the client sees the answer.
        if (!ctx.req.readableEnded)
            ctx.req.resume();
        const errcode = typeof body.errcode === "number" ? body.errcode : 0;
        sb.stores.control.recordCall(sb.accountId, spec.path, errcode, now.getTime());
        sb.log.debug({ endpoint: spec.path, errcode, url: (0, logger_1.redactUrl)(ctx.originalUrl) }, "sandbox call");
        if (spec.textPlain) {
            ctx.type = "text/plain";
            ctx.body = JSON.stringify(body);
        }
        else {
            ctx.body = body;
        }
    };
    if (spec.method === "GET")
        router.get(spec.path, handler);
    else
        router.post(spec.path, handler);
}
//# sourceMappingURL=mount-endpoint.js.map