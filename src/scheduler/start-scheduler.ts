import cron from "node-cron";
import type { Deps } from "../deps";
import { categoryLogger } from "../logger";
import type { Job } from "./jobs";

export interface Scheduler {
  /** Stops every job and resolves once the runs in progress have finished. */
  stop(): Promise<void>;
}

/**
 * Starts the job table with node-cron in SCHEDULE_TIMEZONE, each job without overlap (a run still
 * going when the next minute comes is skipped, not doubled). A failing run is logged; the next
 * tick tries again.
 */
export function startScheduler(deps: Deps, jobs: readonly Job[]): Scheduler {
  const log = categoryLogger(deps.log, "scheduler");
  const running = new Set<Promise<void>>();
  let stopped = false;

  const runOnce = (job: Job, reason: string): Promise<void> => {
    if (stopped) return Promise.resolve();
    const started = Date.now();
    const run = job
      .run(deps)
      .then(() => log.debug({ job: job.name, reason, ms: Date.now() - started }, "job done"))
      .catch((err: unknown) => log.error({ job: job.name, reason, err }, "job failed"))
      .finally(() => running.delete(run));
    running.add(run);
    return run;
  };

  // node-cron's own messages (a tick skipped because the last run is still going…) go to our log.
  const cronLog = {
    info: (m: string) => log.debug({ source: "node-cron" }, m),
    warn: (m: string) => log.debug({ source: "node-cron" }, m),
    error: (m: string | Error, err?: Error) => log.error({ source: "node-cron", err: err ?? m }, String(m)),
    debug: (m: string | Error) => log.debug({ source: "node-cron" }, String(m)),
  };

  const tasks = jobs.map((job) => {
    // The start-up run and the cron ticks share one in-flight guard.
    let current: Promise<void> | undefined;
    const guarded = (reason: string) => {
      if (current) return current;
      current = runOnce(job, reason).finally(() => (current = undefined));
      return current;
    };
    const task = cron.schedule(job.cron, () => guarded("cron"), {
      name: job.name,
      timezone: deps.config.scheduleTimezone,
      noOverlap: true,
      logger: cronLog,
    });
    if (job.runAtStart) void guarded("start");
    return task;
  });
  log.info({ jobs: jobs.map((j) => `${j.name} (${j.cron})`), timezone: deps.config.scheduleTimezone }, "scheduler started");

  return {
    async stop() {
      stopped = true;
      await Promise.all(tasks.map((t) => t.stop()));
      await Promise.all(tasks.map((t) => t.destroy()));
      while (running.size > 0) await Promise.all([...running]);
      log.info("scheduler stopped");
    },
  };
}
