"use strict";
var __importDefault = (this && this.__importDefault) || function (mod) {
    return (mod && mod.__esModule) ? mod : { "default": mod };
};
Object.defineProperty(exports, "__esModule", { value: true });
exports.startScheduler = startScheduler;
const node_cron_1 = __importDefault(require("node-cron"));
const logger_1 = require("../logger");
/**
 * Starts the job table with node-cron in SCHEDULE_TIMEZONE, each job without overlap (a run still
 * going when the next minute comes is skipped, not doubled). A failing run is logged; the next
 * tick tries again.
 */
function startScheduler(deps, jobs) {
    const log = (0, logger_1.categoryLogger)(deps.log, "scheduler");
    const running = new Set();
    let stopped = false;
    const runOnce = (job, reason) => {
        if (stopped)
            return Promise.resolve();
        const started = Date.now();
        const run = job
            .run(deps)
            .then(() => log.debug({ job: job.name, reason, ms: Date.now() - started }, "job done"))
            .catch((err) => log.error({ job: job.name, reason, err }, "job failed"))
            .finally(() => running.delete(run));
        running.add(run);
        return run;
    };
    // node-cron's own messages (a tick skipped because the last run is still going…) go to our log.
    const cronLog = {
        info: (m) => log.debug({ source: "node-cron" }, m),
        warn: (m) => log.debug({ source: "node-cron" }, m),
        error: (m, err) => log.error({ source: "node-cron", err: err ?? m }, String(m)),
        debug: (m) => log.debug({ source: "node-cron" }, String(m)),
    };
    const tasks = jobs.map((job) => {
        // The start-up run and the cron ticks share one in-flight guard.
        let current;
        const guarded = (reason) => {
            if (current)
                return current;
            current = runOnce(job, reason).finally(() => (current = undefined));
            return current;
        };
        const task = node_cron_1.default.schedule(job.cron, () => guarded("cron"), {
            name: job.name,
            timezone: deps.config.scheduleTimezone,
            noOverlap: true,
            logger: cronLog,
        });
        if (job.runAtStart)
            void guarded("start");
        return task;
    });
    log.info({ jobs: jobs.map((j) => `${j.name} (${j.cron})`), timezone: deps.config.scheduleTimezone }, "scheduler started");
    return {
        async stop() {
            stopped = true;
            await Promise.all(tasks.map((t) => t.stop()));
            await Promise.all(tasks.map((t) => t.destroy()));
            while (running.size > 0)
                await Promise.all([...running]);
            log.info("scheduler stopped");
        },
    };
}
//# sourceMappingURL=start-scheduler.js.map