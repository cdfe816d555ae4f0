"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.STATS_USAGE = void 0;
exports.renderPages = renderPages;
exports.statsCommand = statsCommand;
const node_util_1 = require("node:util");
const build_deps_1 = require("../build-deps");
const resolve_accounts_1 = require("../resolve-accounts");
const api_client_1 = require("../wechat/api-client");
const run_stats_job_1 = require("../stats/run-stats-job");
const pages_1 = require("../dashboard/presenters/pages");
const to_csv_1 = require("../dashboard/presenters/to-csv");
const format_table_1 = require("./format-table");
const stats_context_of_1 = require("../dashboard/presenters/stats-context-of");
exports.STATS_USAGE = `  stats [--page P] [--from YYYY-MM-DD --to YYYY-MM-DD] [--month YYYY-MM] [--format table|csv|json] [--table ID]
                                print the dashboard's figures (P: ${pages_1.PAGE_IDS.join(", ")}, all; default overview)
  stats refresh                 fetch WeChat's statistics now (datacube backfill) and roll up the message log
`;
/** Renders pages as the dashboard's tables: aligned text, CSV (UTF-8 with BOM, CRLF) or JSON. */
function renderPages(pages, format, table) {
    if (format === "json")
        return JSON.stringify(pages.length === 1 ? pages[0] : pages, null, 2) + "\n";
    if (format === "csv") {
        const tables = pages.flatMap((p) => p.tables).filter((t) => table === undefined || t.id === table);
        if (tables.length === 0)
            throw new Error(`stats: no table "${table}" (tables: ${pages.flatMap((p) => p.tables.map((t) => t.id)).join(", ")})`);
        return to_csv_1.BOM + tables.map((t) => (0, to_csv_1.tableToCsv)(t).slice(to_csv_1.BOM.length)).join("\r\n");
    }
    if (format === "table")
        return pages.map(format_table_1.formatTextPage).join("\n");
    throw new Error(`stats: --format must be table, csv or json, not "${format}"`);
}
/**
 * `npm run cli -- stats …`: prints what the dashboard shows, from the same presenters, or
 * (`stats refresh`) runs the daily stats job now. In sandbox mode `refresh` talks to an
 * in-process copy of the simulator, so the server need not be running.
 */
async function statsCommand(config, log, args, out, clock) {
    const { values, positionals } = (0, node_util_1.parseArgs)({
        args,
        allowPositionals: true,
        options: {
            page: { type: "string" },
            from: { type: "string" },
            to: { type: "string" },
            month: { type: "string" },
            format: { type: "string" },
            table: { type: "string" },
        },
    });
    const deps = (0, build_deps_1.buildDeps)(config, log, clock ? { clock } : {});
    try {
        if (positionals[0] === "refresh")
            return await refresh(deps, out);
        if (positionals.length > 0)
            throw new Error(`stats: unknown argument "${positionals[0]}"\n${exports.STATS_USAGE}`);
        const page = values.page ?? "overview";
        if (page !== "all" && !(0, pages_1.isPageId)(page))
            throw new Error(`stats: --page must be one of ${pages_1.PAGE_IDS.join(", ")}, all`);
        const ids = page === "all" ? [...pages_1.PAGE_IDS] : [page];
        const ctx = (0, stats_context_of_1.statsContextOf)(deps);
        const models = ids.map((id) => (0, pages_1.presentPage)(ctx, id, { from: values.from, to: values.to, month: values.month }));
        out(renderPages(models, values.format ?? "table", values.table));
        return 0;
    }
    finally {
        (0, build_deps_1.closeDeps)(deps);
    }
}
async function refresh(deps, out) {
    let served;
    try {
        let wechat = deps.wechat;
        if (deps.sandbox) {
            served = await deps.sandbox.listen(0);
            const secrets = (0, resolve_accounts_1.resolveSecrets)(deps.config, deps.stores.settings, deps.clock);
            wechat = (0, api_client_1.createApiClient)({ baseUrl: served.baseUrl, appId: secrets.appId, appSecret: secrets.appSecret, db: deps.db, clock: deps.clock, log: deps.log });
        }
        const result = await (0, run_stats_job_1.runStatsJob)(deps, { wechat });
        for (const s of result.sources) {
            out(`${s.source.padEnd(15)} ${s.status.padEnd(12)} through ${s.syncedThrough ?? "—"}  (${s.days} day(s), ${s.calls} call(s))${s.detail ? `  ${s.detail}` : ""}\n`);
        }
        out(`message log     rolled up ${result.rolledUp} day(s)\n`);
        return result.sources.some((s) => s.status === "error") ? 1 : 0;
    }
    finally {
        await served?.close();
    }
}
//# sourceMappingURL=stats-command.js.map