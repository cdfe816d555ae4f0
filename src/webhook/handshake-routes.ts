import Router from "@koa/router";
import type { Context } from "koa";
import type { Deps } from "../deps";
import { accountFor } from "../http/account-for";
import { flatQuery } from "../http/flat-query";
import { verifyEcho } from "../wechat/encode-reply";

/**
 * The URL handshake of 服务器配置 (GET /wechat, GET /wechat/:account). The pushes themselves (POST)
 * are served ahead of Koa by handle-push.ts.
 */
export function handshakeRoutes(deps: Deps): Router {
  const router = new Router();
  const handshake = (ctx: Context) => {
    const account = accountFor(deps, (ctx.params as { account?: string }).account);
    ctx.type = "text/plain";
    ctx.body = verifyEcho(flatQuery(ctx.query), account);
  };
  router.get("/wechat", handshake);
  router.get("/wechat/:account", handshake);
  return router;
}
