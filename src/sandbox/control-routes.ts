import type Router from "@koa/router";
import type { Context, Middleware } from "koa";
import { z } from "zod";
import type { SandboxApp } from "./create-sandbox-app";

/** A number, also as a form field's text ("45009"). */
const int = () => z.preprocess((v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v), z.number().int());
/** A boolean, also as a form field's text ("true" / "false"). */
const bool = () => z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), z.boolean());

const faultBody = z.object({
  endpoint: z.string().min(1),
  errcode: int(),
  times: int().pipe(z.number().min(1).max(1000)).default(1),
  afterProcessing: bool().default(false),
});
const interactionBody = z.object({
  openid: z.string().min(1),
  kind: z.enum(["message", "click", "subscribe", "scan"]).default("message"),
});
const commentBody = z.object({
  msgDataId: z.union([z.string().regex(/^\d{1,20}$/), z.number().int().nonnegative()]).transform(String),
  index: int().pipe(z.number().min(0).max(7)).default(0),
  content: z.string().trim().min(1).max(600),
  openid: z.string().min(1).max(64).optional(),
});
const approvalBody = z.object({
  decision: z.enum(["approve", "refuse"]),
  clientMsgId: z.string().min(1).max(64).optional(),
});
const settingsBody = z
  .object({
    accountType: z.enum(["subscription", "service"]),
    verified: bool(),
    jobDelayMs: int().pipe(z.number().min(0).max(600_000)),
    publishOutcome: z.object({ status: z.number().int().min(0).max(6), failIdx: z.array(z.number().int()).default([]) }),
    massProtection: bool(),
  })
  .partial()
  .strict();

/** Who may use the control routes: the dashboard passes its staff login and CSRF check (issue 12). */
export interface ControlGuard {
  /** Before a read (GET /inspect): a signed-in staff member. */
  read: Middleware[];
  /** Before a change: signed in, same site, the session's CSRF token; leaves the body for `input`. */
  change: Middleware[];
  /** The request's body as `change` parsed it (form fields or JSON). */
  input(ctx: Context): Record<string, unknown>;
}

function parse<S extends z.ZodTypeAny>(ctx: Context, guard: ControlGuard, schema: S): z.output<S> | undefined {
  const result = schema.safeParse(guard.input(ctx));
  if (result.success) return result.data;
  ctx.status = 400;
  ctx.body = { error: "sandbox: bad request", issues: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  return undefined;
}

/**
 * Routes for staff and their scripts, mounted by the dashboard under /dashboard/sandbox (so the
 * session cookie, scoped to /dashboard, reaches them). They change what the simulator answers, so
 * they sit behind the staff login and the CSRF token: open, any web page a developer visited could
 * reconfigure a running sandbox with a cross-site text/plain POST (issue 12). The simulated WeChat
 * API (/sandbox/cgi-bin/…) stays open: it checks access_token as WeChat does.
 *   GET /inspect            everything received (drafts, publications, mass sends, previews, custom messages, menus…)
 *   POST /faults            {endpoint, errcode, times?, afterProcessing?}   DELETE /faults
 *   POST /interactions      {openid, kind?}: a youth wrote (opens the 48 h customer-service window)
 *   POST /comments          {msgDataId, index?, content, openid?}: a youth comments on a published article
 *   POST /settings          {accountType?, verified?, jobDelayMs?, massProtection?, publishOutcome? (JSON only)}
 *   POST /mass-approvals    {decision: approve | refuse, clientMsgId?}: the admin answers a send held by
 *                           API 群发保护 (massProtection on); unanswered, it times out after 30 minutes
 * Bodies are forms (with `_csrf`) or JSON (token in `_csrf` or the X-CSRF-Token header).
 */
export function mountControlRoutes(router: Router, sandbox: SandboxApp, guard: ControlGuard, prefix = "/sandbox"): void {
  router.get(`${prefix}/inspect`, ...guard.read, (ctx) => {
    const limit = Number(ctx.query.limit ?? 100);
    ctx.body = sandbox.inspect(Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100);
  });
  router.post(`${prefix}/faults`, ...guard.change, (ctx) => {
    const body = parse(ctx, guard, faultBody);
    if (!body) return;
    try {
      sandbox.injectError(body.endpoint, body.errcode, body.times, { afterProcessing: body.afterProcessing });
    } catch (err) {
      ctx.status = 400;
      ctx.body = { error: err instanceof Error ? err.message : String(err) };
      return;
    }
    ctx.status = 201;
    ctx.body = { ok: true };
  });
  router.delete(`${prefix}/faults`, ...guard.change, (ctx) => {
    sandbox.clearErrors();
    ctx.body = { ok: true };
  });
  router.post(`${prefix}/interactions`, ...guard.change, (ctx) => {
    const body = parse(ctx, guard, interactionBody);
    if (!body) return;
    sandbox.recordInteraction(body.openid, body.kind);
    ctx.status = 201;
    ctx.body = { ok: true };
  });
  router.post(`${prefix}/comments`, ...guard.change, (ctx) => {
    const body = parse(ctx, guard, commentBody);
    if (!body) return;
    try {
      const id = sandbox.addComment({ msgDataId: body.msgDataId, index: body.index, content: body.content, ...(body.openid ? { openId: body.openid } : {}) });
      ctx.status = 201;
      ctx.body = { ok: true, userCommentId: id };
    } catch (err) {
      ctx.status = 404;
      ctx.body = { error: err instanceof Error ? err.message : String(err) };
    }
  });
  router.post(`${prefix}/mass-approvals`, ...guard.change, (ctx) => {
    const body = parse(ctx, guard, approvalBody);
    if (!body) return;
    try {
      if (body.decision === "approve") ctx.body = { ok: true, msgId: sandbox.approveMassSend(body.clientMsgId) };
      else {
        sandbox.refuseMassSend(body.clientMsgId);
        ctx.body = { ok: true };
      }
    } catch (err) {
      ctx.status = 409;
      ctx.body = { error: err instanceof Error ? err.message : String(err) };
    }
  });
  router.post(`${prefix}/settings`, ...guard.change, (ctx) => {
    const body = parse(ctx, guard, settingsBody);
    if (!body) return;
    sandbox.configure(body);
    ctx.body = sandbox.inspect(1).account;
  });
}
