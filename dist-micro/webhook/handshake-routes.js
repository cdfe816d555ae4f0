"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.handshakeRoutes = handshakeRoutes;
const router_1 = __importDefault(require("@koa/router"));
const account_for_1 = require("../http/account-for");
const flat_query_1 = require("../http/flat-query");
const encode_reply_1 = require("../wechat/encode-reply");
/**
 * The URL handshake of 服务器配置 (GET /wechat, GET /wechat/:account). The pushes themselves (POST)
 * are served ahead of Koa by handle-push.ts.
 */
function handshakeRoutes(deps) {
    const router = new router_1.default();
    const handshake = (ctx) => {
        const account = (0, account_for_1.accountFor)(deps, ctx.params.account);
        ctx.type = "text/plain";
        ctx.body = (0, encode_reply_1.verifyEcho)((0, flat_query_1.flatQuery)(ctx.query), account);
    };
    router.get("/wechat", handshake);
    router.get("/wechat/:account", handshake);
    return router;
}
//# sourceMappingURL=handshake-routes.js.map