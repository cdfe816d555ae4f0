import Router from "@koa/router";
import type { Deps } from "../../deps";

/** GET /healthz: 200 while the service can serve (database answers), 503 once stopping. */
export function healthRoutes(deps: Deps): Router {
  const router = new Router();
  const ping = deps.db.prepare("SELECT 1");
  router.get("/healthz", (ctx) => {
    if (deps.lifecycle.stopping) {
      ctx.status = 503;
      ctx.body = { status: "stopping" };
      return;
    }
    try {
      ping.get();
      ctx.body = { status: "ok", sandbox: deps.config.sandbox };
    } catch {
      ctx.status = 503;
      ctx.body = { status: "database unavailable" };
    }
  });
  return router;
}
