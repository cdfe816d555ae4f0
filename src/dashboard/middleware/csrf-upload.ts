import busboy from "busboy";
import type { Context, Middleware } from "koa";
import { RequestError } from "../../errors";
import type { StaffState } from "./auth-session";
import { crossSiteRefusal, readForm, refuseCsrf, tokensMatch } from "./csrf";

/** One file of a multipart form, at most the route's limit kept (tooLarge says it was cut). */
export interface FormUpload {
  field: string;
  filename: string;
  data: Buffer;
  tooLarge: boolean;
}

/** Text fields of a dashboard form are small; a multipart body is a few fields and one file. */
const FIELD_LIMIT_BYTES = 16 * 1024;
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

/**
 * The fields and the one file of a multipart/form-data body (busboy). The file is kept up to
 * `maxFileBytes` (+1 to tell that it was bigger); a body that says it is far bigger is refused
 * (413) before it is read, and the rest of an oversized file is drained, never kept.
 */
function readMultipart(ctx: Context, maxFileBytes: number): Promise<{ form: URLSearchParams; upload: FormUpload | undefined }> {
  const declared = Number(ctx.get("content-length") || 0);
  if (declared > maxFileBytes + MULTIPART_OVERHEAD_BYTES) {
    return Promise.reject(new RequestError("too_large", `文件太大：最大 ${Math.round(maxFileBytes / 1048576)} MB`, 413));
  }
  return new Promise((resolve, reject) => {
    const form = new URLSearchParams();
    let upload: FormUpload | undefined;
    let parser: busboy.Busboy;
    try {
      parser = busboy({ headers: ctx.req.headers, limits: { files: 1, fields: 20, fieldSize: FIELD_LIMIT_BYTES, fileSize: maxFileBytes + 1, parts: 25 } });
    } catch {
      reject(new RequestError("bad_multipart", "表单格式不对 (multipart boundary missing)", 400));
      return;
    }
    parser.on("field", (name, value) => form.append(name, value));
    parser.on("file", (field, stream, info) => {
      const chunks: Buffer[] = [];
      let size = 0;
      stream.on("data", (c: Buffer) => {
        size += c.length;
        if (size <= maxFileBytes + 1) chunks.push(c);
      });
      stream.on("end", () => {
        // An empty file input still sends a part with no name and no bytes: no upload.
        if (size === 0 && !info.filename) return;
        upload = { field, filename: info.filename ?? "", data: Buffer.concat(chunks), tooLarge: stream.truncated === true || size > maxFileBytes };
      });
    });
    parser.on("error", () => reject(new RequestError("bad_multipart", "表单格式不对 (malformed multipart body)", 400)));
    parser.on("close", () => resolve({ form, upload }));
    ctx.req.pipe(parser);
  });
}

export const formUploadOf = (ctx: Context): FormUpload | undefined => ctx.state["upload"] as FormUpload | undefined;

/**
 * requireCsrf for a form that may carry a file (the inbox's picture reply): a urlencoded form, or
 * multipart/form-data with at most one file of `maxFileBytes`. The session's CSRF token must be
 * in the `_csrf` field (403 otherwise, nothing runs); a request the browser marks cross-site is
 * refused before its body is read. Leaves the fields on ctx.state.form (formOf) and the file on
 * ctx.state.upload (formUploadOf).
 */
export function requireCsrfUpload(maxFileBytes: number): Middleware {
  return async (ctx, next) => {
    if (crossSiteRefusal(ctx)) return;
    const staff = ctx.state["staff"] as StaffState | undefined;
    const { form, upload } = ctx.is("multipart/form-data") ? await readMultipart(ctx, maxFileBytes) : { form: await readForm(ctx), upload: undefined };
    if (!staff || !tokensMatch(staff.csrfToken, form.get("_csrf"))) {
      refuseCsrf(ctx);
      return;
    }
    ctx.state["form"] = form;
    ctx.state["upload"] = upload;
    await next();
  };
}
