import type { IncomingMessage, ServerResponse } from "node:http";
import Koa from "koa";
import type Router from "@koa/router";
import type { Deps } from "../deps";
import { categoryLogger } from "../logger";
import { errorHandler } from "./middleware/error-handler";
import { healthRoutes } from "./routes/health-routes";
import { wechatRoutes } from "./routes/wechat-routes";
import { webhookLane, type RequestLane } from "./webhook-lane";

const SERVED = Promise.resolve();

/** A Koa app whose request listener offers each request to the webhook's lane first. */
class ServiceApp extends Koa {
  readonly #lane: RequestLane;
  constructor(lane: RequestLane) {
    super();
    this.#lane = lane;
  }
  override callback(): ReturnType<Koa["callback"]> {
    const koa = super.callback();
    // The lane serves HTTP/1 (WeChat's pushes); anything it declines goes to Koa.
    return (req, res) =>
      this.#lane(req as IncomingMessage, res as ServerResponse) ? SERVED : koa(req, res);
  }
}

/**
 * Builds the app (never listens: main.ts and tests do). POST /wechat is served by webhook-lane.ts
 * ahead of Koa; everything else by Koa's routers. Extra routers mount after ours. `app.listen`
 * and `app.callback()` both include the lane.
 */
export function createApp(deps: Deps, extra: Router[] = []): Koa {
  const app = new ServiceApp(webhookLane(deps));
  app.proxy = false;
  const log = categoryLogger(deps.log, "http");
  app.use(errorHandler(log));
  for (const router of [healthRoutes(deps), wechatRoutes(deps), ...extra]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  // Errors are logged once by errorHandler; silence Koa's default stderr printer.
  app.silent = true;
  return app;
}
