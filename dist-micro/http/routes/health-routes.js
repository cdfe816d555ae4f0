"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.healthRoutes = healthRoutes;
const router_1 = __importDefault(require("@koa/router"));
/** GET /healthz: 200 while the service can serve (database answers), 503 once stopping. */
function healthRoutes(deps) {
    const router = new router_1.default();
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
        }
        catch {
            ctx.status = 503;
            ctx.body = { status: "database unavailable" };
        }
    });
    return router;
}
//# sourceMappingURL=health-routes.js.map