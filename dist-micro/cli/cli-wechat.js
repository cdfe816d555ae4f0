"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.withWeChat = withWeChat;
const build_deps_1 = require("../build-deps");
const resolve_accounts_1 = require("../resolve-accounts");
const api_client_1 = require("../wechat/api-client");
/**
 * The API client a CLI command uses. In sandbox mode the simulator is served in this process on a
 * loopback port, on the same database as the server's, so the command works whether or not the
 * server runs and sees the same simulated WeChat (drafts, jobs, quotas).
 */
async function withWeChat(deps, fn) {
    if (!deps.sandbox)
        return fn(deps.wechat);
    const served = await deps.sandbox.listen(0);
    // Job results go to the running server's webhook (if it is not running, polling still finishes the job).
    (0, build_deps_1.pointSandboxAtWebhook)(deps, `http://127.0.0.1:${deps.config.port}`);
    try {
        const secrets = (0, resolve_accounts_1.resolveSecrets)(deps.config, deps.stores.settings, deps.clock);
        const wechat = (0, api_client_1.createApiClient)({ baseUrl: served.baseUrl, appId: secrets.appId, appSecret: secrets.appSecret, db: deps.db, clock: deps.clock, log: deps.log });
        return await fn(wechat);
    }
    finally {
        await deps.sandbox.idle();
        await served.close();
    }
}
//# sourceMappingURL=cli-wechat.js.map