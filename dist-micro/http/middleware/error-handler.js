"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.errorHandler = errorHandler;
const error_response_1 = require("../error-response");
/** Koa's side of error-response.ts: every error thrown by a route becomes its response here. */
function errorHandler(log) {
    return async (ctx, next) => {
        try {
            await next();
        }
        catch (err) {
            const { status, body } = (0, error_response_1.errorResponse)(err, log, ctx);
            ctx.status = status;
            ctx.type = "text/plain";
            ctx.body = body;
        }
    };
}
//# sourceMappingURL=error-handler.js.map