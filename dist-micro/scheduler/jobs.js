"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.JOBS = void 0;
const publisher_1 = require("../publisher/publisher");
const run_publisher_1 = require("../publisher/run-publisher");
const run_stats_job_1 = require("../stats/run-stats-job");
/** The one job table. */
exports.JOBS = [
    {
        name: "publish-posts",
        cron: "* * * * *",
        runAtStart: true,
        description: "publish due posts of content/posts, follow submitted jobs, report missed posts",
        async run(deps) {
            const report = await (0, run_publisher_1.runPublisher)((0, publisher_1.publisherFor)(deps));
            for (const e of report.entries) {
                deps.log.info({ category: "scheduler", job: "publish-posts", post: e.slug, outcome: e.outcome }, e.detail);
            }
        },
    },
    {
        name: run_stats_job_1.STATS_JOB_NAME,
        cron: run_stats_job_1.STATS_JOB_CRON,
        // Not at start: a missed morning is backfilled by the next run (it resumes from the last stored day).
        description: "fetch yesterday's WeChat statistics (datacube backfill) and roll up the message log for the dashboard",
        async run(deps) {
            await (0, run_stats_job_1.runStatsJob)(deps);
        },
    },
];
//# sourceMappingURL=jobs.js.map