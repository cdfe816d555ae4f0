"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.limitServer = limitServer;
/**
 * Bounds what one client can hold of the server (issue 12). Node's defaults let a client take 60 s
 * over its headers and 5 minutes over a request, with no cap on connections, so a handful of slow
 * clients (slowloris) could hold memory and file descriptors indefinitely.
 * - maxConnections 1024: far above what the proxy's pooled connections and staff need; past it
 *   Node refuses new connections at once rather than the process running out of file
 *   descriptors (keep `ulimit -n` above it: SQLite and the content watcher need a few too).
 * - headersTimeout 10 s, requestTimeout 15 s: WeChat gives up on a push after 5 s, and a dashboard
 *   form is a few KB; a request slower than that is not one we can usefully answer.
 * - keepAliveTimeout 65 s: longer than the reverse proxy's idle upstream timeout (nginx
 *   keepalive_timeout, 60 s), so the proxy, not we, closes an idle connection; otherwise a request
 *   the proxy sends just as we close it fails with a 502.
 */
function limitServer(server) {
    server.maxConnections = 1024;
    server.headersTimeout = 10_000;
    server.requestTimeout = 15_000;
    server.keepAliveTimeout = 65_000;
    return server;
}
//# sourceMappingURL=limit-server.js.map