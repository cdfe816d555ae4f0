"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.statsContextOf = statsContextOf;
const check_command_1 = require("../../cli/check-command");
const stats_stores_1 = require("../../stats/stats-stores");
/** The context every stats presenter reads, built the same way for the dashboard and `cli stats`. */
function statsContextOf(deps, stores = (0, stats_stores_1.createStatsStores)(deps.db)) {
    return {
        stores,
        clock: deps.clock,
        accountId: "default",
        accountName: deps.config.dashboard.accountName,
        timezone: deps.config.scheduleTimezone,
        columns: deps.content.current().columns.map((c) => ({ id: c.id, name: c.name, category: c.category })),
        contentCheck: () => (0, check_command_1.checkContent)(deps.config),
    };
}
//# sourceMappingURL=stats-context-of.js.map