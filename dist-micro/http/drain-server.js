"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.drainServer = drainServer;
/**
 * Drains `server` after SIGTERM: sets `lifecycle.stopping` (health-routes.ts answers 503), keeps
 * accepting for `graceMs` with `Connection: close` on every response started meanwhile (so
 * keep-alive clients reconnect elsewhere), then stops accepting, closes idle connections, lets
 * in-flight requests finish and resolves when the server has closed, cutting what is left after
 * `timeoutMs`. server.close() at once (as before) refused the health check itself (issue 12).
 */
function drainServer(server, lifecycle, options) {
    lifecycle.stopping = true;
    const closeAfter = (_req, res) => {
        // Node ends the connection after a response that says `Connection: close`.
        if (!res.headersSent)
            res.setHeader("Connection", "close");
    };
    // Ahead of the app's listener, so the header is set before any handler writes its head.
    server.prependListener("request", closeAfter);
    server.closeIdleConnections();
    return new Promise((resolve) => {
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
//# sourceMappingURL=drain-server.js.map