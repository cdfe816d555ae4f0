import type { Middleware } from "koa";
import { AppError } from "../../errors";
import type { Logger } from "../../logger";

/**
 * The one place errors become HTTP responses. Refused requests (bad signature, malformed body,
 * replay…) get their 4xx and one warn line, never a stack trace; anything unexpected is a 500
 * with a generic body and one error line.
 */
export function errorHandler(log: Logger): Middleware {
  return async (ctx, next) => {
    try {
      await next();
    } catch (err) {
      if (err instanceof AppError && err.expose) {
        ctx.status = err.status;
        ctx.type = "text/plain";
        ctx.body = err.message;
        log.warn({ code: err.code, status: err.status, method: ctx.method, path: ctx.path }, "request refused");
        return;
      }
      const status = (err as { status?: unknown }).status;
      if (typeof status === "number" && status >= 400 && status < 500) {
        // Koa / raw-body errors such as 413 entity too large or 400 request aborted.
        ctx.status = status;
        ctx.type = "text/plain";
        ctx.body = (err as Error).message;
        log.warn({ code: (err as { type?: string }).type, status, method: ctx.method, path: ctx.path }, "request refused");
        return;
      }
      ctx.status = 500;
      ctx.type = "text/plain";
      ctx.body = "internal error";
      log.error({ err, method: ctx.method, path: ctx.path }, "request failed");
    }
  };
}
