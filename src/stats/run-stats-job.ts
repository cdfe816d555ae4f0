import type { Deps } from "../deps";
import { categoryLogger } from "../logger";
import type { ApiClient } from "../wechat/api-client";
import { refreshStats, type RefreshProgress, type RefreshStatsResult } from "./refresh-stats";
import { rollupMessages } from "./rollup-messages";
import { createStatsStores } from "./stats-stores";

/**
 * When the daily job runs (Asia/Shanghai): WeChat has yesterday's figures "after 08:00", but 08:30
 * sometimes still answers an empty list (protocol §5.8, community:00064c4b66c718ef569b64f1a56000),
 * so 08:40 and again at 10:40; the second run refetches what the first found missing.
 */
export const STATS_JOB_CRON = "40 8,10 * * *";
export const STATS_JOB_NAME = "refresh-stats";

export interface StatsJobResult extends RefreshStatsResult {
  /** Days of the message log rolled up into the stats tables. */
  rolledUp: number;
}

/**
 * The stats job: datacube → snapshots, then the message-log rollups. Never throws for WeChat
 * trouble (recorded per source, retried next run); `wechat` overrides the client (the CLI passes
 * one bound to an in-process sandbox).
 */
export async function runStatsJob(
  deps: Deps,
  options: { wechat?: Pick<ApiClient, "datacube" | "user">; progress?: (p: RefreshProgress) => void } = {},
): Promise<StatsJobResult> {
  const stores = createStatsStores(deps.db);
  const log = categoryLogger(deps.log, "stats");
  const base = { stores, clock: deps.clock, accountId: deps.account.id, timezone: deps.config.scheduleTimezone };
  const result = await refreshStats({
    ...base,
    log,
    wechat: options.wechat ?? deps.wechat,
    backfillDays: deps.config.dashboard.statsBackfillDays,
    shouldStop: () => deps.lifecycle.stopping,
    ...(options.progress ? { progress: options.progress } : {}),
  });
  const rolledUp = await rollupMessages(base);
  log.info({ rolledUp }, "message log rolled up");
  return { ...result, rolledUp };
}
