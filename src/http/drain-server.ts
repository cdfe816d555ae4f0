import type { IncomingMessage, Server, ServerResponse } from "node:http";

export interface DrainOptions {
  /**
   * How long the server keeps accepting after SIGTERM, answering 503 on /healthz, so a load
   * balancer or proxy sees the service stopping and sends elsewhere instead of finding the port
   * closed while it still routes here.
   */
  graceMs: number;
  /** After the grace period, how long in-flight requests get before remaining connections are cut. */
  timeoutMs: number;
  /** Told when the grace period ends and when the timeout cuts connections. */
  onPhase?: (phase: "closing" | "timeout") => void;
}

/**
 * Drains `server` after SIGTERM: sets `lifecycle.stopping` (health-routes.ts answers 503), keeps
 * accepting for `graceMs` with `Connection: close` on every response started meanwhile (so
 * keep-alive clients reconnect elsewhere), then stops accepting, closes idle connections, lets
 * in-flight requests finish and resolves when the server has closed, cutting what is left after
 * `timeoutMs`. server.close() at once (as before) refused the health check itself (issue 12).
 */
export function drainServer(server: Server, lifecycle: { stopping: boolean }, options: DrainOptions): Promise<void> {
  lifecycle.stopping = true;
  const closeAfter = (_req: IncomingMessage, res: ServerResponse) => {
    // Node ends the connection after a response that says `Connection: close`.
    if (!res.headersSent) res.setHeader("Connection", "close");
  };
  // Ahead of the app's listener, so the header is set before any handler writes its head.
  server.prependListener("request", closeAfter);
  server.closeIdleConnections();
  return new Promise<void>((resolve) => {
    const grace = setTimeout(() => {
      options.onPhase?.("closing");
      const force = setTimeout(() => {
        options.onPhase?.("timeout");
        server.closeAllConnections();
      }, options.timeoutMs);
      force.unref();
      server.close(() => {
        clearTimeout(force);
        server.off("request", closeAfter);
        resolve();
      });
      server.closeIdleConnections();
    }, options.graceMs);
    grace.unref();
  });
}
