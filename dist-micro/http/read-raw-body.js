"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readRawBody = readRawBody;
const errors_1 = require("../errors");
/**
 * Reads the request body as UTF-8 text with a size limit: a declared length over the limit is
 * refused before reading (413), and reading stops at the limit. Shared by the webhook and the
 * dashboard's forms; no body parser runs before this.
 */
function readRawBody(req, limitBytes) {
    const declared = Number(req.headers["content-length"] ?? NaN);
    if (declared > limitBytes) {
        return Promise.reject(new errors_1.RequestError("body_too_large", `body of ${declared} bytes exceeds the ${limitBytes}-byte limit`, 413));
    }
    return new Promise((resolve, reject) => {
        const chunks = [];
        let size = 0;
        const cleanup = () => {
            req.off("data", onData);
            req.off("end", onEnd);
            req.off("error", onError);
            req.off("aborted", onAborted);
        };
        const onData = (chunk) => {
            size += chunk.length;
            if (size > limitBytes) {
                cleanup();
                req.resume();
                reject(new errors_1.RequestError("body_too_large", `body exceeds the ${limitBytes}-byte limit`, 413));
                return;
            }
            chunks.push(chunk);
        };
        const onEnd = () => {
            cleanup();
            resolve(Buffer.concat(chunks, size).toString("utf8"));
        };
        const onError = (err) => {
            cleanup();
            reject(new errors_1.RequestError("body_unreadable", `could not read the body: ${err.message}`, 400, err));
        };
        const onAborted = () => onError(new Error("request aborted"));
        req.on("data", onData);
        req.on("end", onEnd);
        req.on("error", onError);
        req.on("aborted", onAborted);
    });
}
//# sourceMappingURL=read-raw-body.js.map