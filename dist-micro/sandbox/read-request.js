"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.readJson = readJson;
exports.readUpload = readUpload;
const busboy_1 = __importDefault(require("busboy"));
const sandbox_context_1 = require("./sandbox-context");
const JSON_LIMIT_BYTES = 2 * 1024 * 1024;
/** The raw request body, up to `limit` bytes (WeChat's article content may be close to 1 MB). */
async function readRaw(ctx, limit) {
    const chunks = [];
    let size = 0;
    for await (const chunk of ctx.req) {
        const buf = chunk;
        size += buf.length;
        if (size > limit)
            (0, sandbox_context_1.reject)(44002, { hint: "body too large for the sandbox" });
        chunks.push(buf);
    }
    return Buffer.concat(chunks);
}
/** The JSON body as an object; 44002 when empty, 47001 when it is not JSON (as WeChat answers). */
async function readJson(ctx) {
    const raw = await readRaw(ctx, JSON_LIMIT_BYTES);
    if (raw.length === 0)
        (0, sandbox_context_1.reject)(44002);
    let parsed;
    try {
        parsed = JSON.parse(raw.toString("utf8"));
    }
    catch {
        (0, sandbox_context_1.reject)(47001);
    }
    if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed))
        (0, sandbox_context_1.reject)(47001);
    return parsed;
}
/** The multipart file in field `media` (at most maxBytes kept); 41005 "media data missing" when there is none. */
function readUpload(ctx, maxBytes) {
    if (!ctx.is("multipart/form-data"))
        (0, sandbox_context_1.reject)(41005);
    return new Promise((resolve, rejectPromise) => {
        let upload;
        const parser = (0, busboy_1.default)({ headers: ctx.req.headers, limits: { files: 1, fileSize: maxBytes + 1 } });
        parser.on("file", (name, stream, info) => {
            if (name !== "media") {
                stream.resume();
                return;
            }
            const chunks = [];
            stream.on("data", (c) => chunks.push(c));
            stream.on("end", () => {
                upload = {
                    filename: info.filename ?? "",
                    contentType: info.mimeType,
                    data: Buffer.concat(chunks),
                    // Busboy marks a file truncated once it reaches the limit, so the limit is maxBytes + 1.
                    tooLarge: stream.truncated === true || chunks.reduce((n, c) => n + c.length, 0) > maxBytes,
                };
            });
        });
        parser.on("error", rejectPromise);
        parser.on("close", () => {
            if (upload)
                resolve(upload);
            else
                rejectPromise(new sandbox_context_1.SandboxReject(41005));
        });
        ctx.req.pipe(parser);
    });
}
//# sourceMappingURL=read-request.js.map