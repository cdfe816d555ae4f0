import busboy from "busboy";
import type { Context, Middleware } from "koa";
import { RequestError } from "../../errors";
import { readRawBody } from "../../http/read-raw-body";
import type { StaffState } from "./auth-session";
import { crossSiteRefusal, refuseCsrf, tokensMatch } from "./csrf";
import type { FormUpload } from "./csrf-upload";

/**
 * requireCsrf for the 稿件 editor's form, whose body field holds a whole post: the other forms'
 * 16 KB cap (csrf.ts) is too small, so this one reads up to `maxBytes` (413 beyond). Same rules:
 * urlencoded only, cross-site refused before the body is read, the `_csrf` field must match.
 */
export function requireCsrfLargeForm(maxBytes: number): Middleware {
  return async (ctx, next) => {
    if (crossSiteRefusal(ctx)) return;
    if (!ctx.is("application/x-www-form-urlencoded")) throw new RequestError("unsupported_form", "expected a form (application/x-www-form-urlencoded)", 415);
    const form = new URLSearchParams(await readRawBody(ctx.req, maxBytes));
    const staff = ctx.state["staff"] as StaffState | undefined;
    if (!staff || !tokensMatch(staff.csrfToken, form.get("_csrf"))) {
      refuseCsrf(ctx);
      return;
    }
    ctx.state["form"] = form;
    await next();
  };
}

export const formUploadsOf = (ctx: Context): FormUpload[] => (ctx.state["uploads"] as FormUpload[] | undefined) ?? [];

const FIELD_LIMIT_BYTES = 16 * 1024;

/**
 * requireCsrfUpload for several files (a post's .md with its pictures): multipart/form-data with at
 * most `maxFiles` files, each kept up to `maxFileBytes` (+1 to tell it was cut: `tooLarge`), the
 * whole body at most `maxTotalBytes` (413 before reading when the declared length is larger). The
 * `_csrf` field may stand anywhere in the body: it is checked once the body is read, before the
 * route runs, so nothing is written for a request without it. Files on ctx.state.uploads (formUploadsOf).
 */
export function requireCsrfFiles(limits: { maxFiles: number; maxFileBytes: number; maxTotalBytes: number }): Middleware {
  return async (ctx, next) => {
    if (crossSiteRefusal(ctx)) return;
    if (!ctx.is("multipart/form-data")) throw new RequestError("unsupported_form", "请用文件上传表单 (expected multipart/form-data)", 415);
    const declared = Number(ctx.get("content-length") || 0);
    if (declared > limits.maxTotalBytes) {
      throw new RequestError("too_large", `一次上传太大：合计最大 ${Math.round(limits.maxTotalBytes / 1048576)} MB，请分几次上传`, 413);
    }
    const { form, uploads } = await new Promise<{ form: URLSearchParams; uploads: FormUpload[] }>((resolve, reject) => {
      const form = new URLSearchParams();
      const uploads: FormUpload[] = [];
      let parser: busboy.Busboy;
      try {
        parser = busboy({
          headers: ctx.req.headers,
          limits: { files: limits.maxFiles, fields: 20, fieldSize: FIELD_LIMIT_BYTES, fileSize: limits.maxFileBytes + 1, parts: limits.maxFiles + 20 },
        });
      } catch {
        reject(new RequestError("bad_multipart", "表单格式不对 (multipart boundary missing)", 400));
        return;
      }
      let total = 0;
      parser.on("field", (name, value) => form.append(name, value));
      parser.on("file", (field, stream, info) => {
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on("data", (c: Buffer) => {
          size += c.length;
          total += c.length;
          // Past the per-file or the total cap nothing more is kept; the rest is drained.
          if (size <= limits.maxFileBytes + 1 && total <= limits.maxTotalBytes) chunks.push(c);
        });
        stream.on("end", () => {
          if (size === 0 && !info.filename) return;
          uploads.push({ field, filename: info.filename ?? "", data: Buffer.concat(chunks), tooLarge: stream.truncated === true || size > limits.maxFileBytes });
        });
      });
      parser.on("filesLimit", () => reject(new RequestError("too_many_files", `一次最多上传 ${limits.maxFiles} 个文件`, 413)));
      parser.on("error", () => reject(new RequestError("bad_multipart", "表单格式不对 (malformed multipart body)", 400)));
      parser.on("close", () =>
        total > limits.maxTotalBytes
          ? reject(new RequestError("too_large", `一次上传太大：合计最大 ${Math.round(limits.maxTotalBytes / 1048576)} MB，请分几次上传`, 413))
          : resolve({ form, uploads }),
      );
      ctx.req.pipe(parser);
    });
    const staff = ctx.state["staff"] as StaffState | undefined;
    if (!staff || !tokensMatch(staff.csrfToken, form.get("_csrf"))) {
      refuseCsrf(ctx);
      return;
    }
    ctx.state["form"] = form;
    ctx.state["uploads"] = uploads;
    await next();
  };
}
