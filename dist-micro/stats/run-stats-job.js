"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATS_JOB_NAME = exports.STATS_JOB_CRON = void 0;
exports.runStatsJob = runStatsJob;
const logger_1 = require("../logger");
const refresh_stats_1 = require("./refresh-stats");
const rollup_messages_1 = require("./rollup-messages");
const stats_stores_1 = require("./stats-stores");
/**
 * When the daily job runs (Asia/Shanghai): WeChat has yesterday's figures "after 08:00", but 08:30
 * sometimes still answers an empty list (protocol §5.8, community:00064c4b66c718ef569b64f1a56000),
 * so 08:40 and again at 10:40; the second run refetches what the first found missing.
 */
exports.STATS_JOB_CRON = "40 8,10 * * *";
exports.STATS_JOB_NAME = "refresh-stats";
/**
 * The stats job: datacube → snapshots, then the message-log rollups. Never throws for WeChat
 * trouble (recorded per source, retried next run); `wechat` overrides the client (the CLI passes
 * one bound to an in-process sandbox).
 */
async function runStatsJob(deps, options = {}) {
    const stores = (0, stats_stores_1.createStatsStores)(deps.db);
    const log = (0, logger_1.categoryLogger)(deps.log, "stats");
    const base = { stores, clock: deps.clock, accountId: "default", timezone: deps.config.scheduleTimezone };
    const result = await (0, refresh_stats_1.refreshStats)({
        ...base,
        log,
        wechat: options.wechat ?? deps.wechat,
        backfillDays: deps.config.dashboard.statsBackfillDays,
        shouldStop: () => deps.lifecycle.stopping,
    });
    const rolledUp = await (0, rollup_messages_1.rollupMessages)(base);
    log.info({ rolledUp }, "message log rolled up");
    return { ...result, rolledUp };
}
//# sourceMappingURL=run-stats-job.js.map