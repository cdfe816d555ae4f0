"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.dashboardRoutes = dashboardRoutes;
const router_1 = __importDefault(require("@koa/router"));
const session_store_1 = require("../../db/stores/session-store");
const staff_login_failure_store_1 = require("../../db/stores/staff-login-failure-store");
const staff_user_store_1 = require("../../db/stores/staff-user-store");
const logger_1 = require("../../logger");
const rollup_messages_1 = require("../../stats/rollup-messages");
const stats_context_of_1 = require("../presenters/stats-context-of");
const stats_stores_1 = require("../../stats/stats-stores");
const auth_session_1 = require("../middleware/auth-session");
const login_rate_limit_1 = require("../middleware/login-rate-limit");
const csrf_input_1 = require("../middleware/csrf-input");
const control_routes_1 = require("../../sandbox/control-routes");
const layout_1 = require("../views/layout");
const try_bot_panel_1 = require("../views/try-bot-panel");
const dashboard_asset_routes_1 = require("./dashboard-asset-routes");
const dashboard_auth_routes_1 = require("./dashboard-auth-routes");
const dashboard_page_routes_1 = require("./dashboard-page-routes");
const dashboard_try_routes_1 = require("./dashboard-try-routes");
const dashboard_qa_routes_1 = require("./dashboard-qa-routes");
const dashboard_comment_routes_1 = require("./dashboard-comment-routes");
const dashboard_inbox_routes_1 = require("./dashboard-inbox-routes");
/**
 * The staff dashboard under /dashboard (login at /dashboard/login): server-rendered pages with
 * charts and CSV exports of every table, behind a session login with CSRF tokens and login
 * throttling; in sandbox mode also the "try the bot" panel. Mount with createApp(deps, [this]).
 * The webhook (/wechat) is a separate router and stays open to WeChat only.
 */
function dashboardRoutes(deps) {
    const router = new router_1.default({ prefix: "/dashboard" });
    const log = (0, logger_1.categoryLogger)(deps.log, "http");
    const { dashboard } = deps.config;
    const users = (0, staff_user_store_1.createStaffUserStore)(deps.db);
    const auth = (0, auth_session_1.createSessionAuth)({
        sessions: (0, session_store_1.createSessionStore)(deps.db),
        clock: deps.clock,
        sessionHours: dashboard.sessionHours,
        secureCookie: dashboard.secureCookie,
    });
    const rateLimit = (0, login_rate_limit_1.createLoginRateLimit)({ failures: (0, staff_login_failure_store_1.createStaffLoginFailureStore)(deps.db), clock: deps.clock });
    const stats = (0, stats_stores_1.createStatsStores)(deps.db);
    const assets = (0, dashboard_asset_routes_1.loadDashboardAssets)();
    const sandbox = deps.sandbox !== undefined;
    let catchingUp = false;
    const statsContext = () => {
        const ctx = (0, stats_context_of_1.statsContextOf)(deps, stats);
        if (!catchingUp) {
            // A long history not rolled up yet (first start): catch up in the background, yielding per day.
            catchingUp = true;
            (0, rollup_messages_1.rollupMessages)(ctx).catch((err) => log.error({ err }, "message rollup failed"));
        }
        return ctx;
    };
    // createApp sets these on every response; kept here so a dashboard mounted elsewhere has them too.
    (0, dashboard_asset_routes_1.mountAssetRoutes)(router, assets.files);
    (0, dashboard_auth_routes_1.mountAuthRoutes)(router, {
        users,
        auth,
        rateLimit,
        clock: deps.clock,
        log,
        secureCookie: dashboard.secureCookie,
        trustProxy: dashboard.trustProxy,
        page: (title, body) => (0, layout_1.layout)({ title, accountName: dashboard.accountName, assets: assets.urls }, body).value,
    });
    const pages = {
        requireStaff: auth.requireStaff,
        statsContext,
        page: (ctx, title, body, options) => {
            const staff = (0, auth_session_1.staffOf)(ctx);
            return (0, layout_1.layout)({
                title,
                accountName: dashboard.accountName,
                assets: assets.urls,
                charts: options.charts,
                staff: { name: staff.name, csrfToken: staff.csrfToken, active: options.active, query: options.query, sandbox, inbox: (0, dashboard_inbox_routes_1.unansweredSummary)(deps.inbox, deps.clock.now()) },
            }, body).value;
        },
        ...(sandbox ? { extra: (ctx, spec) => (spec.id === "messages" ? (0, try_bot_panel_1.tryBotPanel)((0, auth_session_1.staffOf)(ctx).csrfToken) : undefined) } : {}),
    };
    // 青年之声 first: it serves /dashboard/qa (the "qa" stats page plus the tickets to answer).
    (0, dashboard_qa_routes_1.mountQaRoutes)(router, deps, pages);
    (0, dashboard_comment_routes_1.mountCommentRoutes)(router, deps, pages);
    (0, dashboard_inbox_routes_1.mountInboxRoutes)(router, deps, pages);
    (0, dashboard_page_routes_1.mountPageRoutes)(router, pages);
    if (deps.sandbox) {
        (0, dashboard_try_routes_1.mountTryRoutes)(router, deps, pages);
        // The simulator's control routes, behind the login like every other dashboard form (issue 12).
        (0, control_routes_1.mountControlRoutes)(router, deps.sandbox, { read: [auth.requireStaff], change: [auth.requireStaff, csrf_input_1.requireCsrfInput], input: csrf_input_1.inputOf });
    }
    return router;
}
//# sourceMappingURL=dashboard-routes.js.map