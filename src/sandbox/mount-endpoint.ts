import type Router from "@koa/router";
import type { Context } from "koa";
import { redactUrl } from "../logger";
import { errorBody } from "./errmsgs";
import { readJson, readUpload } from "./read-request";
import { reject, SandboxReject, type EndpointSpec, type Sandbox, type SandboxRequest, type WireReply } from "./sandbox-context";
import { checkAccessToken, revokeRejectedToken } from "./token-endpoints";

/** Forced faults with these codes also kill the token that was used, as a real rejection means. */
const TOKEN_FAULTS = new Set([40001, 40014, 42001]);

function applyFault(sb: Sandbox, spec: EndpointSpec, afterProcessing: boolean, token: string | undefined, now: Date) {
  const errcode = sb.stores.control.takeFault(sb.accountId, spec.path, afterProcessing);
  if (errcode === undefined) return;
  if (token !== undefined && TOKEN_FAULTS.has(errcode)) revokeRejectedToken(sb, token, now);
  reject(errcode);
}

/**
 * Serves one simulated endpoint the way WeChat does: access_token check (41001/40001/42001),
 * forced faults, 48001 for unverified accounts, then the handler; every answer is HTTP 200
 * with {errcode, errmsg} on failure, and every call is logged in sandbox_calls.
 */
export function mountEndpoint(router: Router, sb: Sandbox, spec: EndpointSpec): void {
  const handler = async (ctx: Context) => {
    const now = sb.clock.now();
    const query = Object.fromEntries(new URLSearchParams(ctx.querystring));
    const req: SandboxRequest = {
      ctx,
      now,
      query,
      json: () => readJson(ctx),
      upload: (maxBytes) => readUpload(ctx, maxBytes),
    };
    let body: WireReply;
    try {
      const token = spec.public ? undefined : checkAccessToken(sb, query.access_token, now);
      applyFault(sb, spec, false, token, now);
      if (spec.verifiedOnly && !sb.settings.verified) reject(48001);
      body = await spec.handle(req);
      applyFault(sb, spec, true, token, now);
    } catch (err) {
      if (err instanceof SandboxReject) {
        body = errorBody(err.errcode, err.extra);
      } else {
        sb.log.error({ err, endpoint: spec.path }, "sandbox endpoint failed");
        body = errorBody(-1);
      }
    }
    // An early refusal leaves the upload unread; drain it so the client sees the answer.
    if (!ctx.req.readableEnded) ctx.req.resume();
    const errcode = typeof body.errcode === "number" ? body.errcode : 0;
    sb.stores.control.recordCall(sb.accountId, spec.path, errcode, now.getTime());
    sb.log.debug({ endpoint: spec.path, errcode, url: redactUrl(ctx.originalUrl) }, "sandbox call");
    if (spec.textPlain) {
      ctx.type = "text/plain";
      ctx.body = JSON.stringify(body);
    } else {
      ctx.body = body;
    }
  };
  if (spec.method === "GET") router.get(spec.path, handler);
  else router.post(spec.path, handler);
}
