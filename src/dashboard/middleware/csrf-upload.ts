import type { Context, Middleware } from "koa";
import { RequestError } from "../../errors";
import type { StaffState } from "./auth-session";
import { crossSiteRefusal, readForm, refuseCsrf, tokensMatch } from "./csrf";
import { readMultipart, type FormUpload, type MultipartLimits } from "./read-multipart";

export type { FormUpload } from "./read-multipart";

/** A multipart body is a few fields and the file. */
const MULTIPART_OVERHEAD_BYTES = 64 * 1024;

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
    const { form, upload } = ctx.is("multipart/form-data") ? await readOneFile(ctx, maxFileBytes) : { form: await readForm(ctx), upload: undefined };
    if (!staff || !tokensMatch(staff.csrfToken, form.get("_csrf"))) {
      refuseCsrf(ctx);
      return;
    }
    ctx.state["form"] = form;
    ctx.state["upload"] = upload;
    await next();
  };
}

async function readOneFile(ctx: Context, maxFileBytes: number): Promise<{ form: URLSearchParams; upload: FormUpload | undefined }> {
  const tooLargeText = `文件太大：最大 ${Math.round(maxFileBytes / 1048576)} MB`;
  const { form, uploads } = await readMultipart(ctx, { maxFiles: 1, maxFileBytes, maxTotalBytes: maxFileBytes + MULTIPART_OVERHEAD_BYTES, tooLargeText });
  return { form, upload: uploads[0] };
}

export const formUploadsOf = (ctx: Context): FormUpload[] => (ctx.state["uploads"] as FormUpload[] | undefined) ?? [];

/**
 * requireCsrfUpload for several files (a post's .md with its pictures): multipart/form-data only,
 * within `limits` (read-multipart.ts). The `_csrf` field may stand anywhere in the body: it is
 * checked once the body is read, before the route runs, so nothing is written for a request
 * without it. Files on ctx.state.uploads (formUploadsOf).
 */
export function requireCsrfFiles(limits: Omit<MultipartLimits, "tooLargeText">): Middleware {
  const tooLargeText = `一次上传太大：合计最大 ${Math.round(limits.maxTotalBytes / 1048576)} MB，请分几次上传`;
  return async (ctx, next) => {
    if (crossSiteRefusal(ctx)) return;
    if (!ctx.is("multipart/form-data")) throw new RequestError("unsupported_form", "请用文件上传表单 (expected multipart/form-data)", 415);
    const { form, uploads } = await readMultipart(ctx, { ...limits, tooLargeText });
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
