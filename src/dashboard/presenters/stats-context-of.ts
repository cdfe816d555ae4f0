import { checkContent } from "../../cli/check-command";
import type { Deps } from "../../deps";
import type { StatsContext } from "../../stats/stats-context";
import { createStatsStores, type StatsStores } from "../../stats/stats-stores";

/** The context every stats presenter reads, built the same way for the dashboard and `cli stats`. */
export function statsContextOf(deps: Deps, stores: StatsStores = createStatsStores(deps.db)): StatsContext {
  return {
    stores,
    clock: deps.clock,
    accountId: deps.account.id,
    accountName: deps.config.dashboard.accountName,
    timezone: deps.config.scheduleTimezone,
    columns: deps.content.current().columns.map((c) => ({ id: c.id, name: c.name, category: c.category })),
    contentCheck: () => checkContent(deps.config, { accountId: deps.account.id }),
  };
}
