import Router from "@koa/router";
import type { Context } from "koa";
import type { AccountSettings, Deps } from "../../deps";
import { RequestError } from "../../errors";
import { decodePush } from "../../wechat/decode-push";
import { encodeReply, verifyEcho } from "../../wechat/encode-reply";
import { answerPush } from "../answer-push";
import { readRawBody } from "../read-raw-body";

type Query = Record<string, string | undefined>;

/** Koa gives repeated query keys as arrays; WeChat never repeats them, so a repeat is refused. */
function flatQuery(ctx: Context): Query {
  const out: Query = {};
  for (const [k, v] of Object.entries(ctx.query)) {
    if (Array.isArray(v)) throw new RequestError("bad_query", `query parameter ${k} given more than once`, 400);
    out[k] = v;
  }
  return out;
}

function accountFor(deps: Deps, ctx: Context): AccountSettings {
  const id = (ctx.params as { account?: string }).account ?? "default";
  const account = deps.accounts.get(id);
  if (!account) throw new RequestError("unknown_account", `no account "${id}" is configured`, 404);
  return account;
}

/**
 * The WeChat push endpoint (服务器配置 URL): GET is the URL handshake, POST carries messages and
 * events. `/wechat` serves the default account; `/wechat/:account` leaves room for a matrix of
 * township accounts.
 */
export function wechatRoutes(deps: Deps): Router {
  const router = new Router();

  const handshake = (ctx: Context) => {
    const account = accountFor(deps, ctx);
    ctx.type = "text/plain";
    ctx.body = verifyEcho(flatQuery(ctx), account);
  };

  const receive = async (ctx: Context) => {
    const account = accountFor(deps, ctx);
    const query = flatQuery(ctx);
    const body = await readRawBody(ctx, deps.config.wechat.bodyLimitBytes);
    const push = decodePush(query, body, account, deps.clock.now());
    const reply = await answerPush(deps, account, push.message);
    ctx.type = reply ? "application/xml" : "text/plain";
    ctx.body = encodeReply(reply, push, account, deps.clock.now());
  };

  router.get("/wechat", handshake);
  router.get("/wechat/:account", handshake);
  router.post("/wechat", receive);
  router.post("/wechat/:account", receive);
  return router;
}
