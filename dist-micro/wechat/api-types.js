"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.wireId = void 0;
exports.parseWire = parseWire;
exports.mediaForm = mediaForm;
const zod_1 = require("zod");
const errors_1 = require("../errors");
/** WeChat ids come as numbers or strings depending on the endpoint and doc; we keep strings. */
exports.wireId = zod_1.z.union([zod_1.z.string(), zod_1.z.number()]).transform((v) => String(v));
/** Validates a response body at the edge; a surprise is an error that names the endpoint. */
function parseWire(schema, body, endpoint) {
    const result = schema.safeParse(body);
    if (result.success)
        return result.data;
    const issues = result.error.issues.map((i) => `${i.path.join(".") || "(body)"}: ${i.message}`).join("; ");
    throw new errors_1.AppError("wechat_bad_response", `wechat: ${endpoint} answered an unexpected body: ${issues}`, {
        status: 502,
    });
}
const MIME_BY_EXT = {
    jpg: "image/jpeg",
    jpeg: "image/jpeg",
    png: "image/png",
    gif: "image/gif",
    bmp: "image/bmp",
};
/** The multipart body WeChat's upload endpoints expect: one file in the field `media`. */
function mediaForm(file) {
    const ext = file.filename.split(".").pop()?.toLowerCase() ?? "";
    const type = file.contentType ?? MIME_BY_EXT[ext] ?? "application/octet-stream";
    const form = new FormData();
    form.append("media", new Blob([file.data], { type }), file.filename);
    return form;
}
//# sourceMappingURL=api-types.js.map