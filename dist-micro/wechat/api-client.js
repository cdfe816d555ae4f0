"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.WECHAT_API_BASE = void 0;
exports.createApiClient = createApiClient;
const errors_1 = require("../errors");
const logger_1 = require("../logger");
const access_token_store_1 = require("../db/stores/access-token-store");
const access_token_1 = require("./access-token");
const api_errcodes_1 = require("./api-errcodes");
const request_wechat_1 = require("./request-wechat");
const comment_1 = require("./endpoints/comment");
const custom_1 = require("./endpoints/custom");
const datacube_1 = require("./endpoints/datacube");
const draft_1 = require("./endpoints/draft");
const freepublish_1 = require("./endpoints/freepublish");
const mass_1 = require("./endpoints/mass");
const material_1 = require("./endpoints/material");
const media_1 = require("./endpoints/media");
const menu_1 = require("./endpoints/menu");
const user_1 = require("./endpoints/user");
exports.WECHAT_API_BASE = "https://api.weixin.qq.com";
const realSleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));
/**
 * The one way out to WeChat's API. Every call gets the shared access token; errcode ≠ 0 becomes
 * WeChatApiError; a rejected token (40001/40014/42001) is dropped by compare-and-set, refreshed
 * once and the call retried once; -1 backs off (bounded exponential) where repeating is harmless;
 * everything else (quota, window, permission: 45009, 45028, 48001, 45015, 45047…) fails at once.
 */
function createApiClient(deps) {
    const log = (0, logger_1.categoryLogger)(deps.log, "wechat");
    const sleep = deps.sleep ?? realSleep;
    const backoff = { ...api_errcodes_1.DEFAULT_BACKOFF, ...deps.backoff };
    const accountId = deps.accountId ?? "default";
    const options = { baseUrl: deps.baseUrl, fetch: deps.fetch ?? fetch, timeoutMs: deps.timeoutMs ?? 15_000, log };
    const tokens = (0, access_token_1.createAccessTokenProvider)({
        appId: deps.appId,
        appSecret: deps.appSecret,
        accountId,
        store: (0, access_token_store_1.createAccessTokenStore)(deps.db),
        clock: deps.clock,
        log,
        sleep,
        backoff,
        leaseMs: deps.tokenLeaseMs,
        pollMs: deps.tokenPollMs,
        post: (path, json) => (0, request_wechat_1.requestWeChat)({ path, method: "POST", json, retryOnBusy: true }, undefined, options),
    });
    const call = async (request) => {
        let refreshed = false;
        for (let busyRetries = 0;;) {
            const token = await tokens.get();
            try {
                return await (0, request_wechat_1.requestWeChat)(request, token, options);
            }
            catch (err) {
                if (!(err instanceof errors_1.WeChatApiError))
                    throw err;
                const action = (0, api_errcodes_1.retryActionFor)(err.errcode);
                const context = { endpoint: request.path, errcode: err.errcode, errmsg: err.errmsg };
                if (action === "refresh-token" && !refreshed) {
                    refreshed = true;
                    const dropped = tokens.invalidate(token);
                    log.warn({ ...context, dropped }, "access token rejected; refreshing once and retrying");
                    continue;
                }
                if (action === "back-off" && request.retryOnBusy && busyRetries < backoff.maxRetries) {
                    const delayMs = (0, api_errcodes_1.backoffDelay)(busyRetries, backoff);
                    busyRetries++;
                    log.warn({ ...context, attempt: busyRetries, delayMs }, "wechat busy; backing off");
                    await sleep(delayMs);
                    continue;
                }
                log.warn(context, "wechat api error");
                throw err;
            }
        }
    };
    return {
        /** The current access token (for the rare caller that needs it raw, e.g. a diagnostics command). */
        getAccessToken: () => tokens.get(),
        media: (0, media_1.mediaEndpoints)(call),
        material: (0, material_1.materialEndpoints)(call),
        draft: (0, draft_1.draftEndpoints)(call),
        freepublish: (0, freepublish_1.freepublishEndpoints)(call),
        mass: (0, mass_1.massEndpoints)(call),
        custom: (0, custom_1.customEndpoints)(call),
        menu: (0, menu_1.menuEndpoints)(call),
        datacube: (0, datacube_1.datacubeEndpoints)(call),
        user: (0, user_1.userEndpoints)(call),
        comment: (0, comment_1.commentEndpoints)(call),
    };
}
//# sourceMappingURL=api-client.js.map