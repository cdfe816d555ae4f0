"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.main = main;
const config_1 = require("./config");
const errors_1 = require("./errors");
const logger_1 = require("./logger");
const build_deps_1 = require("./build-deps");
const create_app_1 = require("./http/create-app");
const drain_server_1 = require("./http/drain-server");
const limit_server_1 = require("./http/limit-server");
const dashboard_routes_1 = require("./dashboard/routes/dashboard-routes");
const first_staff_user_1 = require("./cli/first-staff-user");
const start_scheduler_1 = require("./scheduler/start-scheduler");
const jobs_1 = require("./scheduler/jobs");
/**
 * After SIGTERM: how long the server keeps accepting and answers 503 on /healthz, so the proxy or
 * load balancer in front sees the service stopping (a refused connection looks like a crash)...
 */
const DRAIN_GRACE_MS = 5_000;
/** ...then how long in-flight requests get to finish before connections are cut. */
const DRAIN_MS = 10_000;
function describeStart(config, deps, url) {
    const account = deps.accounts.get("default");
    const lines = [
        `青春轮台 back office listening on ${url}`,
        `  webhook:  ${url}/wechat   (encryption: ${account.encryptMode})`,
        `  health:   ${url}/healthz`,
    ];
    if (config.sandbox) {
        lines.push("  mode:     SANDBOX (no WeChat credentials set; nothing reaches WeChat)", `  token:    ${account.token}   (generated locally, stored in ${config.databasePath})`, `  WeChat:   ${url}/sandbox (simulated API; what it received, after the staff login: ${url}/dashboard/sandbox/inspect)`, "  try it:   npm run cli -- send 诚聘", "            npm run cli -- send --event subscribe");
    }
    return lines.join("\n");
}
/**
 * Starts the HTTP server; SIGTERM/SIGINT turn /healthz to 503 for a grace period, then stop
 * accepting, finish in-flight requests and close the db.
 */
async function main() {
    (0, config_1.loadDotEnv)();
    let config;
    try {
        config = (0, config_1.loadConfig)();
    }
    catch (err) {
        if (err instanceof errors_1.ConfigError) {
            process.stderr.write(`${err.message}\nSee .env.example for every setting.\n`);
            process.exit(1);
        }
        throw err;
    }
    const log = (0, logger_1.createLogger)({ level: config.logLevel, format: config.logFormat });
    const life = (0, logger_1.categoryLogger)(log, "lifecycle");
    let deps;
    try {
        deps = (0, build_deps_1.buildDeps)(config, log, { service: true });
    }
    catch (err) {
        if (err instanceof errors_1.ContentError) {
            process.stderr.write(`${err.message}\nFix the file(s) above, or run: npm run cli -- check\n`);
            process.exit(1);
        }
        throw err;
    }
    const app = (0, create_app_1.createApp)(deps, [(0, dashboard_routes_1.dashboardRoutes)(deps), ...(deps.sandbox ? [deps.sandbox.router] : [])]);
    // Pushes answered from the journal before a crash or stop go into the database first.
    app.pushes.foldJournal();
    const server = (0, limit_server_1.limitServer)(app.listen(config.port, config.host));
    await new Promise((resolve, reject) => {
        server.once("listening", resolve);
        server.once("error", reject);
    });
    const address = server.address();
    const port = typeof address === "object" && address ? address.port : config.port;
    const host = config.host === "0.0.0.0" || config.host === "::" ? "127.0.0.1" : config.host;
    const origin = `http://${host}:${port}`;
    (0, build_deps_1.pointSandboxAtWebhook)(deps, origin);
    const staffLines = await (0, first_staff_user_1.describeStaffLogin)(deps, origin);
    process.stdout.write([describeStart(config, deps, origin), ...staffLines].join("\n") + "\n");
    life.info({ port, sandbox: config.sandbox }, "service started");
    // Publishing and stats run on their own clock; started once the webhook can receive job results.
    const scheduler = (0, start_scheduler_1.startScheduler)(deps, jobs_1.JOBS);
    let stopping = false;
    const stop = (signal) => {
        if (stopping)
            return;
        stopping = true;
        life.info({ signal, graceMs: DRAIN_GRACE_MS }, "stopping: /healthz answers 503, then no new connections, finishing in-flight requests");
        // No new job runs; the one under way (a publication mid-step) finishes before the db closes.
        const schedulerStopped = scheduler.stop();
        void (0, drain_server_1.drainServer)(server, deps.lifecycle, {
            graceMs: DRAIN_GRACE_MS,
            timeoutMs: DRAIN_MS,
            onPhase: (phase) => phase === "closing" ? life.info("stopping: no new connections") : life.warn("drain timeout, closing remaining connections"),
        }).then(() => schedulerStopped.finally(() => {
            app.pushes.foldJournal();
            app.pushes.close();
            (0, build_deps_1.closeDeps)(deps);
            life.info("stopped cleanly");
        }));
    };
    process.once("SIGTERM", () => stop("SIGTERM"));
    process.once("SIGINT", () => stop("SIGINT"));
}
if (require.main === module) {
    main().catch((err) => {
        process.stderr.write(`fatal: ${err.stack ?? String(err)}\n`);
        process.exit(1);
    });
}
//# sourceMappingURL=main.js.map