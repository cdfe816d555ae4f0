"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.ServiceApp = void 0;
exports.createApp = createApp;
const koa_1 = __importDefault(require("koa"));
const logger_1 = require("../logger");
const handle_push_1 = require("../webhook/handle-push");
const handshake_routes_1 = require("../webhook/handshake-routes");
const error_handler_1 = require("./middleware/error-handler");
const security_headers_1 = require("./security-headers");
const health_routes_1 = require("./routes/health-routes");
const SERVED = Promise.resolve();
/**
 * The service's two doors on one port: WeChat's pushes (POST /wechat[/:account]) go to
 * webhook/handle-push.ts on node:http directly; everything else (the handshake, health, the
 * dashboard, the sandbox) to Koa. Why two: a push is the hot path and must be answered within 5 s,
 * and Koa's per-request machinery cost more CPU than verifying, routing and recording a push.
 */
class ServiceApp extends koa_1.default {
    pushes;
    constructor(pushes) {
        super();
        this.pushes = pushes;
    }
    callback() {
        const koa = super.callback();
        return (req, res) => (this.pushes.serve(req, res) ? SERVED : koa(req, res));
    }
}
exports.ServiceApp = ServiceApp;
/**
 * Builds the app (never listens: main.ts and tests do). Extra routers mount after ours.
 * `app.listen` and `app.callback()` both serve pushes first.
 */
function createApp(deps, extra = []) {
    const app = new ServiceApp((0, handle_push_1.createPushHandler)(deps));
    app.proxy = false;
    const log = (0, logger_1.categoryLogger)(deps.log, "http");
    // First in the chain: every Koa response carries them, 404s and mapped errors included.
    app.use(security_headers_1.securityHeaders);
    app.use((0, error_handler_1.errorHandler)(log));
    for (const router of [(0, health_routes_1.healthRoutes)(deps), (0, handshake_routes_1.handshakeRoutes)(deps), ...extra]) {
        app.use(router.routes());
        app.use(router.allowedMethods());
    }
    // Errors are logged once by errorHandler; silence Koa's default stderr printer.
    app.silent = true;
    return app;
}
//# sourceMappingURL=create-app.js.map