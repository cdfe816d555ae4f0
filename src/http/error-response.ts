import { AppError } from "../errors";
import type { Logger } from "../logger";

export interface ErrorResponse {
  status: number;
  /** Always a short text/plain body: never a stack trace. */
  body: string;
}

/**
 * The one mapping of errors to HTTP responses, for Koa (middleware/error-handler.ts) and for the
 * webhook's lane (webhook-lane.ts). Refused requests (bad signature, malformed body, replay…) get
 * their 4xx and one warn line; anything unexpected is a 500 with a generic body and one error line.
 */
export function errorResponse(err: unknown, log: Logger, request: { method: string; path: string }): ErrorResponse {
  if (err instanceof AppError && err.expose) {
    log.warn({ code: err.code, status: err.status, method: request.method, path: request.path }, "request refused");
    return { status: err.status, body: err.message };
  }
  const status = (err as { status?: unknown } | null)?.status;
  if (typeof status === "number" && status >= 400 && status < 500) {
    // Koa / body-reading errors such as 413 entity too large or 400 request aborted.
    log.warn({ code: (err as { type?: string }).type, status, method: request.method, path: request.path }, "request refused");
    return { status, body: (err as Error).message };
  }
  log.error({ err, method: request.method, path: request.path }, "request failed");
  return { status: 500, body: "internal error" };
}
