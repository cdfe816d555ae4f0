"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readBody = readBody;
const errors_1 = require("../errors");
const read_raw_body_1 = require("../http/read-raw-body");
/**
 * Media types a push may be declared as. WeChat sends text/xml; some proxies rewrite it to
 * application/xml or text/plain, and a missing type is tolerated (co-wechat #21, #27). Anything
 * else (a form, JSON, multipart) is not a push.
 */
const XML_TYPES = new Set(["text/xml", "application/xml", "text/plain"]);
/** A push's body, refused before reading when its media type cannot be a push (415). */
function readBody(req, limitBytes) {
    const type = req.headers["content-type"]?.split(";", 1)[0].trim().toLowerCase();
    if (type !== undefined && type !== "" && !XML_TYPES.has(type)) {
        return Promise.reject(new errors_1.RequestError("unsupported_media_type", `content type ${type.slice(0, 40)} is not XML`, 415));
    }
    return (0, read_raw_body_1.readRawBody)(req, limitBytes);
}
//# sourceMappingURL=read-body.js.map