import Koa from "koa";
import type Router from "@koa/router";
import type { Deps } from "../deps";
import { categoryLogger } from "../logger";
import { errorHandler } from "./middleware/error-handler";
import { healthRoutes } from "./routes/health-routes";
import { wechatRoutes } from "./routes/wechat-routes";

/** Builds the Koa app (never listens: main.ts and tests do). Extra routers mount after ours. */
export function createApp(deps: Deps, extra: Router[] = []): Koa {
  const app = new Koa();
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
