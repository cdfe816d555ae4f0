"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.errorResponse = errorResponse;
const errors_1 = require("../errors");
/**
 * The one mapping of errors to HTTP responses, for Koa (middleware/error-handler.ts) and for the
 * webhook's lane (webhook-lane.ts). Refused requests (bad signature, malformed body, replay…) get
 * their 4xx and one warn line; anything unexpected is a 500 with a generic body and one error line.
 */
function errorResponse(err, log, request) {
    if (err instanceof errors_1.AppError && err.expose) {
        log.warn({ code: err.code, status: err.status, method: request.method, path: request.path }, "request refused");
        return { status: err.status, body: err.message };
    }
    const status = err?.status;
    if (typeof status === "number" && status >= 400 && status < 500) {
        // Koa / body-reading errors such as 413 entity too large or 400 request aborted.
        log.warn({ code: err.type, status, method: request.method, path: request.path }, "request refused");
        return { status, body: err.message };
    }
    log.error({ err, method: request.method, path: request.path }, "request failed");
    return { status: 500, body: "internal error" };
}
//# sourceMappingURL=error-response.js.map