import type { Middleware } from "koa";
import type { Logger } from "../../logger";
import { errorResponse } from "../error-response";

/** Koa's side of error-response.ts: every error thrown by a route becomes its response here. */
export function errorHandler(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      const { status, body } = errorResponse(err, log, ctx);
      ctx.status = status;
      ctx.type = "text/plain";
      ctx.body = body;
    }
  };
}
