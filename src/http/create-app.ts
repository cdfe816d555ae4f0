import type { IncomingMessage, ServerResponse } from "node:http";
import Koa from "koa";
import type Router from "@koa/router";
import type { Deps } from "../deps";
import { categoryLogger } from "../logger";
import { createPushHandler, type PushHandler } from "../webhook/handle-push";
import { handshakeRoutes } from "../webhook/handshake-routes";
import { errorHandler } from "./middleware/error-handler";
import { securityHeaders } from "./security-headers";
import { healthRoutes } from "./routes/health-routes";

const SERVED = Promise.resolve();

/**
 * The service's two doors on one port: WeChat's pushes (POST /wechat[/:account]) go to
 * webhook/handle-push.ts on node:http directly; everything else (the handshake, health, the
 * dashboard, the sandbox) to Koa. Why two: a push is the hot path and must be answered within 5 s,
 * and Koa's per-request machinery cost more CPU than verifying, routing and recording a push.
 */
export class ServiceApp extends Koa {
  readonly pushes: PushHandler;
  constructor(pushes: PushHandler) {
    super();
    this.pushes = pushes;
  }
  override callback(): ReturnType<Koa["callback"]> {
    const koa = super.callback();
    return (req, res) => (this.pushes.serve(req as IncomingMessage, res as ServerResponse) ? SERVED : koa(req, res));
  }
}

/**
 * Builds the app (never listens: main.ts and tests do). Extra routers mount after ours.
 * `app.listen` and `app.callback()` both serve pushes first.
 */
export function createApp(deps: Deps, extra: Router[] = []): ServiceApp {
  const app = new ServiceApp(createPushHandler(deps));
  app.proxy = false;
  const log = categoryLogger(deps.log, "http");
  // First in the chain: every Koa response carries them, 404s and mapped errors included.
  app.use(securityHeaders);
  app.use(errorHandler(log));
  for (const router of [healthRoutes(deps), handshakeRoutes(deps), ...extra]) {
    app.use(router.routes());
    app.use(router.allowedMethods());
  }
  // Errors are logged once by errorHandler; silence Koa's default stderr printer.
  app.silent = true;
  return app;
}
