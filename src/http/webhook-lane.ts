import type { IncomingMessage, ServerResponse } from "node:http";
import type { Deps } from "../deps";
import { categoryLogger } from "../logger";
import { accountFor } from "./account-for";
import { errorResponse } from "./error-response";
import { parseQuery } from "./parse-query";
import { createBatchedSender } from "./batched-sender";
import { readRawBody } from "./read-raw-body";
import { receivePush } from "./receive-push";

/** Serves the request and returns true, or returns false to let Koa have it. */
export type RequestLane = (req: IncomingMessage, res: ServerResponse) => boolean;

const TEXT = "text/plain; charset=utf-8";

/**
 * The account segment of a webhook path: null for `/wechat` (the default account), the decoded
 * segment for `/wechat/:account`, undefined when the path is not the webhook's. Matches what
 * @koa/router matched for these routes, trailing slash included.
 */
export function webhookAccountOf(path: string): string | null | undefined {
  if (!path.startsWith("/wechat")) return undefined;
  if (path.length === 7 || path === "/wechat/") return null;
  if (path.charCodeAt(7) !== 47 /* / */) return undefined;
  const segment = path.endsWith("/") ? path.slice(8, -1) : path.slice(8);
  if (segment === "" || segment.includes("/")) return undefined;
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/**
 * POST /wechat[/:account] served by node:http directly, ahead of Koa (create-app.ts).
 *
 * Why: WeChat pushes are the service's hot path and each must be answered within 5 s. Koa's
 * per-request machinery (context objects, the middleware chain, three routers' matching) cost
 * more CPU than verifying, decoding, routing and logging a push together: on the 2-core bench
 * machine it alone held the webhook to ~0.6× a bare Koa app before any work was done (README,
 * Benchmarks). Everything else (handshake, health, dashboard, sandbox) stays on Koa. The work
 * itself is receive-push.ts and the error mapping error-response.ts, both shared with Koa.
 */
export function webhookLane(deps: Deps): RequestLane {
  const log = categoryLogger(deps.log, "http");
  const limit = deps.config.wechat.bodyLimitBytes;

  const send = createBatchedSender();

  const serve = async (req: IncomingMessage, res: ServerResponse, path: string, rawQuery: string, accountId: string | null) => {
    try {
      const account = accountFor(deps, accountId ?? undefined);
      const query = parseQuery(rawQuery);
      const body = await readRawBody(req, limit);
      const pending = receivePush(deps, account, query, body);
      const answer = pending instanceof Promise ? await pending : pending;
      send(res, 200, answer.contentType, answer.body);
    } catch (err) {
      const e = errorResponse(err, log, { method: "POST", path });
      send(res, e.status, TEXT, e.body);
    }
  };

  return (req, res) => {
    if (req.method !== "POST") return false;
    const url = req.url ?? "";
    const q = url.indexOf("?");
    const path = q === -1 ? url : url.slice(0, q);
    const accountId = webhookAccountOf(path);
    if (accountId === undefined) return false;
    void serve(req, res, path, q === -1 ? "" : url.slice(q + 1), accountId);
    return true;
  };
}
