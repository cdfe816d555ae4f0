import type Router from "@koa/router";
import type { Context } from "koa";
import { z } from "zod";
import { readJson } from "./read-request";
import type { SandboxApp } from "./create-sandbox-app";

const faultBody = z.object({
  endpoint: z.string().min(1),
  errcode: z.number().int(),
  times: z.number().int().min(1).max(1000).default(1),
  afterProcessing: z.boolean().default(false),
});
const interactionBody = z.object({
  openid: z.string().min(1),
  kind: z.enum(["message", "click", "subscribe", "scan"]).default("message"),
});
const settingsBody = z
  .object({
    accountType: z.enum(["subscription", "service"]),
    verified: z.boolean(),
    jobDelayMs: z.number().int().min(0).max(600_000),
    publishOutcome: z.object({ status: z.number().int().min(0).max(6), failIdx: z.array(z.number().int()).default([]) }),
  })
  .partial()
  .strict();

async function parse<S extends z.ZodTypeAny>(ctx: Context, schema: S): Promise<z.output<S> | undefined> {
  let raw: unknown;
  try {
    raw = await readJson(ctx);
  } catch {
    raw = undefined;
  }
  const result = schema.safeParse(raw);
  if (result.success) return result.data;
  ctx.status = 400;
  ctx.body = { error: "sandbox: bad request", issues: result.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) };
  return undefined;
}

/**
 * Routes for people and scripts (same prefix as the simulated API):
 *   GET /inspect            everything received (drafts, publications, mass sends, previews, custom messages, menus…)
 *   POST /faults            {endpoint, errcode, times?, afterProcessing?}   DELETE /faults
 *   POST /interactions      {openid, kind?}: a youth wrote (opens the 48 h customer-service window)
 *   POST /settings          {accountType?, verified?, jobDelayMs?, publishOutcome?}
 */
export function mountControlRoutes(router: Router, sandbox: SandboxApp, known: ReadonlySet<string>): void {
  router.get("/inspect", (ctx) => {
    const limit = Number(ctx.query.limit ?? 100);
    ctx.body = sandbox.inspect(Number.isInteger(limit) && limit > 0 ? Math.min(limit, 1000) : 100);
  });
  router.post("/faults", async (ctx) => {
    const body = await parse(ctx, faultBody);
    if (!body) return;
    try {
      sandbox.injectError(body.endpoint, body.errcode, body.times, { afterProcessing: body.afterProcessing });
    } catch (err) {
      ctx.status = 400;
      ctx.body = { error: err instanceof Error ? err.message : String(err), known: [...known] };
      return;
    }
    ctx.status = 201;
    ctx.body = { ok: true };
  });
  router.delete("/faults", (ctx) => {
    sandbox.clearErrors();
    ctx.body = { ok: true };
  });
  router.post("/interactions", async (ctx) => {
    const body = await parse(ctx, interactionBody);
    if (!body) return;
    sandbox.recordInteraction(body.openid, body.kind);
    ctx.status = 201;
    ctx.body = { ok: true };
  });
  router.post("/settings", async (ctx) => {
    const body = await parse(ctx, settingsBody);
    if (!body) return;
    sandbox.configure(body);
    ctx.body = sandbox.inspect(1).account;
  });
}
