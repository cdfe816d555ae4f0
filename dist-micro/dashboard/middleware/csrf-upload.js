"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.formUploadOf = void 0;
exports.requireCsrfUpload = requireCsrfUpload;
const busboy_1 = __importDefault(require("busboy"));
const errors_1 = require("../../errors");
const csrf_1 = require("./csrf");
/** Text fields of a dashboard form are small; a multipart body is a few fields and one file. */
const FIELD_LIMIT_BYTES = 16 * 1024;
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;
/**
 * The fields and the one file of a multipart/form-data body (busboy). The file is kept up to
 * `maxFileBytes` (+1 to tell that it was bigger); a body that says it is far bigger is refused
 * (413) before it is read, and the rest of an oversized file is drained, never kept.
 */
function readMultipart(ctx, maxFileBytes) {
    const declared = Number(ctx.get("content-length") || 0);
    if (declared > maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
        return Promise.reject(new errors_1.RequestError("too_large", `文件太大：最大 ${Math.round(maxFileBytes / 1048576)} MB`, 413));
    }
    return new Promise((resolve, reject) => {
        const form = new URLSearchParams();
        let upload;
        let parser;
        try {
            parser = (0, busboy_1.default)({ headers: ctx.req.headers, limits: { files: 1, fields: 20, fieldSize: FIELD_LIMIT_BYTES, fileSize: maxFileBytes + 1, parts: 25 } });
        }
        catch {
            reject(new errors_1.RequestError("bad_multipart", "表单格式不对 (multipart boundary missing)", 400));
            return;
        }
        parser.on("field", (name, value) => form.append(name, value));
        parser.on("file", (field, stream, info) => {
            const chunks = [];
            let size = 0;
            stream.on("data", (c) => {
                size += c.length;
                if (size <= maxFileBytes + 1)
                    chunks.push(c);
            });
            stream.on("end", () => {
                // An empty file input still sends a part with no name and no bytes: no upload.
                if (size === 0 && !info.filename)
                    return;
                upload = { field, filename: info.filename ?? "", data: Buffer.concat(chunks), tooLarge: stream.truncated === true || size > maxFileBytes };
            });
        });
        parser.on("error", () => reject(new errors_1.RequestError("bad_multipart", "表单格式不对 (malformed multipart body)", 400)));
        parser.on("close", () => resolve({ form, upload }));
        ctx.req.pipe(parser);
    });
}
const formUploadOf = (ctx) => ctx.state["upload"];
exports.formUploadOf = formUploadOf;
/**
 * requireCsrf for a form that may carry a file (the inbox's picture reply): a urlencoded form, or
 * multipart/form-data with at most one file of `maxFileBytes`. The session's CSRF token must be
 * in the `_csrf` field (403 otherwise, nothing runs); a request the browser marks cross-site is
 * refused before its body is read. Leaves the fields on ctx.state.form (formOf) and the file on
 * ctx.state.upload (formUploadOf).
 */
function requireCsrfUpload(maxFileBytes) {
    return async (ctx, next) => {
        if ((0, csrf_1.crossSiteRefusal)(ctx))
            return;
        const staff = ctx.state["staff"];
        const { form, upload } = ctx.is("multipart/form-data") ? await readMultipart(ctx, maxFileBytes) : { form: await (0, csrf_1.readForm)(ctx), upload: undefined };
        if (!staff || !(0, csrf_1.tokensMatch)(staff.csrfToken, form.get("_csrf"))) {
            (0, csrf_1.refuseCsrf)(ctx);
            return;
        }
        ctx.state["form"] = form;
        ctx.state["upload"] = upload;
        await next();
    };
}
//# sourceMappingURL=csrf-upload.js.map