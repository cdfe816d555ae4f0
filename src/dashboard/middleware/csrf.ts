import { timingSafeEqual } from "node:crypto";
import type { Context, Middleware } from "koa";
import { RequestError } from "../../errors";
import { readRawBody } from "../../http/read-raw-body";
import type { StaffState } from "./auth-session";

/** Dashboard forms are a few fields; anything bigger is not ours. */
const FORM_LIMIT_BYTES = 16 * 1024;

/** Parses an application/x-www-form-urlencoded body (415 for anything else, 413 when too big). */
export async function readForm(ctx: Context): Promise<URLSearchParams> {
  if (!ctx.is("application/x-www-form-urlencoded")) {
    throw new RequestError("unsupported_form", "expected a form (application/x-www-form-urlencoded)", 415);
  }
  return new URLSearchParams(await readRawBody(ctx.req, FORM_LIMIT_BYTES));
}

/** Constant-time equality of two tokens (false when either is missing). */
export function tokensMatch(expected: string | undefined, given: string | null | undefined): boolean {
  if (!expected || !given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function formOf(ctx: Context): URLSearchParams {
  const form = ctx.state["form"] as URLSearchParams | undefined;
  if (!form) throw new Error("dashboard: route registered without requireCsrf");
  return form;
}

/** Answers 403: the token is missing or wrong, or the request came from another site. */
export function refuseCsrf(ctx: Context): void {
  ctx.status = 403;
  ctx.type = "text/plain";
  ctx.body = "表单已过期或来源不明，请刷新页面后重试 (CSRF token missing or invalid)";
}

/**
 * Refuses (403, true) a request the browser marks as sent by another site (Fetch Metadata,
 * Sec-Fetch-Site: cross-site or same-site). Our own forms and scripts are same-origin; browsers
 * without the header and non-browser clients send none and rely on the token alone.
 */
export function crossSiteRefusal(ctx: Context): boolean {
  const site = ctx.get("sec-fetch-site");
  if (site === "" || site === "same-origin" || site === "none") return false;
  refuseCsrf(ctx);
  return true;
}

/**
 * Every POST of a signed-in page carries the session's CSRF token in a hidden `_csrf` field
 * (synchronizer token pattern); without it the request is refused with 403 before anything runs.
 * A request the browser marks cross-site is refused before its body is read. Runs after
 * requireStaff; leaves the parsed form on ctx.state.form.
 */
export const requireCsrf: Middleware = async (ctx, next) => {
  if (crossSiteRefusal(ctx)) return;
  const staff = ctx.state["staff"] as StaffState | undefined;
  const form = await readForm(ctx);
  if (!staff || !tokensMatch(staff.csrfToken, form.get("_csrf"))) {
    refuseCsrf(ctx);
    return;
  }
  ctx.state["form"] = form;
  await next();
};
