"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.normalizeEndpoint = normalizeEndpoint;
exports.createSandboxApp = createSandboxApp;
const node_http_1 = require("node:http");
const koa_1 = __importDefault(require("koa"));
const router_1 = __importDefault(require("@koa/router"));
const logger_1 = require("../logger");
const sandbox_comment_store_1 = require("../db/stores/sandbox-comment-store");
const sandbox_content_store_1 = require("../db/stores/sandbox-content-store");
const sandbox_control_store_1 = require("../db/stores/sandbox-control-store");
const sandbox_job_store_1 = require("../db/stores/sandbox-job-store");
const sandbox_outbox_store_1 = require("../db/stores/sandbox-outbox-store");
const sandbox_token_store_1 = require("../db/stores/sandbox-token-store");
const comment_endpoints_1 = require("./comment-endpoints");
const custom_endpoints_1 = require("./custom-endpoints");
const draft_endpoints_1 = require("./draft-endpoints");
const batchget_endpoints_1 = require("./batchget-endpoints");
const inspect_sandbox_1 = require("./inspect-sandbox");
const mass_endpoints_1 = require("./mass-endpoints");
const media_endpoints_1 = require("./media-endpoints");
const menu_endpoints_1 = require("./menu-endpoints");
const fake_figures_1 = require("./fake-figures");
const mount_endpoint_1 = require("./mount-endpoint");
const stats_endpoints_1 = require("./stats-endpoints");
const token_endpoints_1 = require("./token-endpoints");
const DEFAULT_SETTINGS = {
    accountType: "subscription",
    verified: true,
    callback: undefined,
    jobDelayMs: 1500,
    stableTokenDelayMs: 0,
    publishOutcome: { status: 0, failIdx: [] },
};
/** "draft/add" → "/cgi-bin/draft/add"; datacube paths keep their own root. */
function normalizeEndpoint(endpoint) {
    const bare = endpoint.replace(/^\/+/, "");
    return bare.startsWith("cgi-bin/") || bare.startsWith("datacube/") ? `/${bare}` : `/cgi-bin/${bare}`;
}
/**
 * The embedded WeChat API simulator: same endpoints, shapes, limits and errcodes as
 * api.weixin.qq.com for everything the service calls, state in SQLite (shared by the web process
 * and CLI runs), job-finish events pushed back to the webhook signed as WeChat signs them.
 */
function createSandboxApp(deps) {
    const prefix = deps.prefix ?? "/sandbox";
    const log = (0, logger_1.categoryLogger)(deps.log, "sandbox");
    const timers = new Map();
    const pending = new Set();
    const settings = { ...DEFAULT_SETTINGS };
    for (const key of Object.keys(DEFAULT_SETTINGS)) {
        if (deps[key] !== undefined)
            Object.assign(settings, { [key]: deps[key] });
    }
    const sb = {
        accountId: deps.accountId ?? "default",
        appId: deps.appId,
        appSecret: deps.appSecret,
        seed: deps.seed ?? deps.appId,
        clock: deps.clock,
        log,
        settings,
        fetch: deps.fetch ?? fetch,
        stores: {
            tokens: (0, sandbox_token_store_1.createSandboxTokenStore)(deps.db),
            control: (0, sandbox_control_store_1.createSandboxControlStore)(deps.db),
            content: (0, sandbox_content_store_1.createSandboxContentStore)(deps.db),
            jobs: (0, sandbox_job_store_1.createSandboxJobStore)(deps.db),
            outbox: (0, sandbox_outbox_store_1.createSandboxOutboxStore)(deps.db),
            comments: (0, sandbox_comment_store_1.createSandboxCommentStore)(deps.db),
        },
        later(delayMs, task) {
            let settle;
            const done = new Promise((resolve) => (settle = resolve));
            const finish = () => {
                pending.delete(done);
                settle();
            };
            const timer = setTimeout(() => {
                timers.delete(timer);
                Promise.resolve()
                    .then(task)
                    .catch((err) => log.error({ err }, "sandbox job failed"))
                    .finally(finish);
            }, delayMs);
            timer.unref();
            timers.set(timer, finish);
            pending.add(done);
        },
    };
    const specs = [
        (0, token_endpoints_1.stableTokenEndpoint)(sb),
        (0, media_endpoints_1.uploadImgEndpoint)(sb),
        (0, media_endpoints_1.addMaterialEndpoint)(sb),
        (0, stats_endpoints_1.updateRemarkEndpoint)(sb),
        (0, draft_endpoints_1.draftAddEndpoint)(sb),
        (0, draft_endpoints_1.freepublishSubmitEndpoint)(sb),
        (0, draft_endpoints_1.freepublishGetEndpoint)(sb),
        (0, batchget_endpoints_1.draftBatchGetEndpoint)(sb),
        (0, batchget_endpoints_1.freepublishBatchGetEndpoint)(sb),
        (0, mass_endpoints_1.massSendAllEndpoint)(sb),
        (0, mass_endpoints_1.massPreviewEndpoint)(sb),
        (0, mass_endpoints_1.massGetEndpoint)(sb),
        (0, custom_endpoints_1.customSendEndpoint)(sb),
        (0, menu_endpoints_1.menuCreateEndpoint)(sb),
        (0, menu_endpoints_1.menuGetEndpoint)(sb),
        ...(0, stats_endpoints_1.datacubeEndpoints)(sb),
        (0, stats_endpoints_1.userGetEndpoint)(sb),
        ...(0, comment_endpoints_1.commentEndpoints)(sb),
    ];
    const known = new Set(specs.map((s) => s.path));
    const router = new router_1.default({ prefix });
    for (const spec of specs)
        (0, mount_endpoint_1.mountEndpoint)(router, sb, spec);
    const app = {
        router,
        apiBase: (origin) => origin.replace(/\/+$/, "") + prefix,
        async listen(port = 0, host = "127.0.0.1") {
            const koa = new koa_1.default();
            koa.silent = true;
            koa.use(router.routes()).use(router.allowedMethods());
            const server = (0, node_http_1.createServer)(koa.callback());
            await new Promise((resolve, reject) => server.once("error", reject).listen(port, host, resolve));
            const address = server.address();
            const actual = typeof address === "object" && address ? address.port : port;
            const close = () => new Promise((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            });
            return { baseUrl: app.apiBase(`http://${host}:${actual}`), server, close };
        },
        injectError(endpoint, errcode, times = 1, options = {}) {
            const path = normalizeEndpoint(endpoint);
            if (!known.has(path))
                throw new Error(`sandbox: no simulated endpoint ${path} (known: ${[...known].join(", ")})`);
            const at = deps.clock.now().getTime();
            sb.stores.control.addFault({ accountId: sb.accountId, endpoint: path, errcode, times, afterProcessing: options.afterProcessing ?? false, at });
        },
        clearErrors: () => sb.stores.control.clearFaults(sb.accountId),
        recordInteraction(openId, kind, at = deps.clock.now()) {
            sb.stores.control.addInteraction(sb.accountId, openId, kind, at.getTime());
        },
        configure: (changes) => void Object.assign(settings, changes),
        addComment(c) {
            const at = c.at ?? deps.clock.now();
            let key;
            try {
                key = (0, comment_endpoints_1.commentArticle)(sb, { msg_data_id: c.msgDataId, index: c.index ?? 0 }, at);
            }
            catch {
                throw new Error(`sandbox: no published article with msg_data_id ${c.msgDataId} and index ${c.index ?? 0}`);
            }
            if (c.content.trim() === "")
                throw new Error("sandbox: a comment needs some text");
            const openId = c.openId === undefined ? (0, fake_figures_1.followerOpenIds)(sb.seed, 1)[0] : c.openId;
            return String(sb.stores.comments.addComment(key, { openId, content: c.content, createdAt: at.getTime() }));
        },
        revokeTokens: () => void sb.stores.tokens.revokeAll(sb.accountId, deps.clock.now().getTime()),
        countCalls: (endpoint) => sb.stores.control.countCalls(sb.accountId, endpoint === undefined ? undefined : normalizeEndpoint(endpoint)),
        inspect: (limit) => (0, inspect_sandbox_1.inspectSandbox)(sb, limit),
        async idle() {
            while (pending.size > 0)
                await Promise.all([...pending]);
        },
        close() {
            for (const [timer, finish] of timers) {
                clearTimeout(timer);
                finish();
            }
            timers.clear();
        },
    };
    return app;
}
//# sourceMappingURL=create-sandbox-app.js.map