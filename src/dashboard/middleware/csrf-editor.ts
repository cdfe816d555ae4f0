import type { Middleware } from "koa";
import { RequestError } from "../../errors";
import { readRawBody } from "../../http/read-raw-body";
import type { StaffState } from "./auth-session";
import { crossSiteRefusal, refuseCsrf, tokensMatch } from "./csrf";

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
