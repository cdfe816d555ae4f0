"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.mountControlRoutes = mountControlRoutes;
const zod_1 = require("zod");
/** A number, also as a form field's text ("45009"). */
const int = () => zod_1.z.preprocess((v) => (typeof v === "string" && /^-?\d+$/.test(v.trim()) ? Number(v) : v), zod_1.z.number().int());
/** A boolean, also as a form field's text ("true" / "false"). */
const bool = () => zod_1.z.preprocess((v) => (v === "true" ? true : v === "false" ? false : v), zod_1.z.boolean());
const faultBody = zod_1.z.object({
    endpoint: zod_1.z.string().min(1),
    errcode: int(),
    times: int().pipe(zod_1.z.number().min(1).max(1000)).default(1),
    afterProcessing: bool().default(false),
});
const interactionBody = zod_1.z.object({
    openid: zod_1.z.string().min(1),
    kind: zod_1.z.enum(["message", "click", "subscribe", "scan"]).default("message"),
});
const commentBody = zod_1.z.object({
    msgDataId: zod_1.z.union([zod_1.z.string().regex(/^\d{1,20}$/), zod_1.z.number().int().nonnegative()]).transform(String),
    index: int().pipe(zod_1.z.number().min(0).max(7)).default(0),
    content: zod_1.z.string().trim().min(1).max(600),
    openid: zod_1.z.string().min(1).max(64).optional(),
});
const settingsBody = zod_1.z
    .object({
    accountType: zod_1.z.enum(["subscription", "service"]),
    verified: bool(),
    jobDelayMs: int().pipe(zod_1.z.number().min(0).max(600_000)),
    publishOutcome: zod_1.z.object({ status: zod_1.z.number().int().min(0).max(6), failIdx: zod_1.z.array(zod_1.z.number().int()).default([]) }),
})
    .partial()
    .strict();
function parse(ctx, guard, schema) {
    const result = schema.safeParse(guard.input(ctx));
    if (result.success)
        return result.data;
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
 *   POST /settings          {accountType?, verified?, jobDelayMs?, publishOutcome? (JSON only)}
 * Bodies are forms (with `_csrf`) or JSON (token in `_csrf` or the X-CSRF-Token header).
 */
function mountControlRoutes(router, sandbox, guard, prefix = "/sandbox") {
    router.get(`${prefix}/inspect`, ...guard.read, (ctx) => {
        const limit = Number(ctx.query.limit ?? 100);
        ctx.body = sandbox.inspect(Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100);
    });
    router.post(`${prefix}/faults`, ...guard.change, (ctx) => {
        const body = parse(ctx, guard, faultBody);
        if (!body)
            return;
        try {
            sandbox.injectError(body.endpoint, body.errcode, body.times, { afterProcessing: body.afterProcessing });
        }
        catch (err) {
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
        if (!body)
            return;
        sandbox.recordInteraction(body.openid, body.kind);
        ctx.status = 201;
        ctx.body = { ok: true };
    });
    router.post(`${prefix}/comments`, ...guard.change, (ctx) => {
        const body = parse(ctx, guard, commentBody);
        if (!body)
            return;
        try {
            const id = sandbox.addComment({ msgDataId: body.msgDataId, index: body.index, content: body.content, ...(body.openid ? { openId: body.openid } : {}) });
            ctx.status = 201;
            ctx.body = { ok: true, userCommentId: id };
        }
        catch (err) {
            ctx.status = 404;
            ctx.body = { error: err instanceof Error ? err.message : String(err) };
        }
    });
    router.post(`${prefix}/settings`, ...guard.change, (ctx) => {
        const body = parse(ctx, guard, settingsBody);
        if (!body)
            return;
        sandbox.configure(body);
        ctx.body = sandbox.inspect(1).account;
    });
}
//# sourceMappingURL=control-routes.js.map