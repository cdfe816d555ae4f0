import type { Deps } from "../deps";
import { publisherFor } from "../publisher/publisher";
import { runPublisher } from "../publisher/run-publisher";
import { runStatsJob, STATS_JOB_CRON, STATS_JOB_NAME } from "../stats/run-stats-job";

/**
 * One scheduled task: a plain function of deps the CLI can call too (DESIGN rule 11). Every job runs
 * in SCHEDULE_TIMEZONE (Asia/Shanghai) and never overlaps itself.
 */
export interface Job {
  name: string;
  /** node-cron expression (5 fields, or 6 with seconds), read in SCHEDULE_TIMEZONE. */
  cron: string;
  /** Also run once right after the service starts (catch up on what was due while it was down). */
  runAtStart?: boolean;
  description: string;
  run(deps: Deps): Promise<void>;
}

/**
 * Runs `task` for every served account that is not paused, side by side: one account's failure
 * (a bad secret, 40164 IP not whitelisted, a slow API) is logged against it and never delays or
 * stops the others (issue 14). WeChat's limits are per account, so running together is allowed.
 */
export async function eachAccount(deps: Deps, job: string, task: (account: Deps) => Promise<void>): Promise<void> {
  const accounts = [...deps.matrix.values()].filter((a) => !a.account.declared.paused);
  const results = await Promise.allSettled(accounts.map((a) => task(a)));
  results.forEach((r, i) => {
    if (r.status === "rejected") deps.log.error({ category: "scheduler", job, account: accounts[i]!.account.id, err: r.reason }, "job failed for this account");
  });
}

/** The one job table. */
export const JOBS: readonly Job[] = [
  {
    name: "publish-posts",
    cron: "* * * * *",
    runAtStart: true,
    description: "publish due posts of content/posts, follow submitted jobs, report missed posts",
    run: (deps) =>
      eachAccount(deps, "publish-posts", async (account) => {
        const report = await runPublisher(publisherFor(account));
        for (const e of report.entries) {
          deps.log.info({ category: "scheduler", job: "publish-posts", account: account.account.id, post: e.slug, outcome: e.outcome }, e.detail);
        }
      }),
  },
  {
    name: STATS_JOB_NAME,
    cron: STATS_JOB_CRON,
    // Not at start: a missed morning is backfilled by the next run (it resumes from the last stored day).
    description: "fetch yesterday's WeChat statistics (datacube backfill) and roll up the message log for the dashboard",
    run: (deps) =>
      eachAccount(deps, STATS_JOB_NAME, async (account) => {
        await runStatsJob(account);
      }),
  },
];
