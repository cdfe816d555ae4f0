import { parseArgs } from "node:util";
import type { Config } from "../config";
import { buildDeps, closeDeps } from "../build-deps";
import type { Deps } from "../deps";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import { resolveSecrets } from "../resolve-accounts";
import { createApiClient } from "../wechat/api-client";
import { runStatsJob } from "../stats/run-stats-job";
import { isPageId, PAGE_IDS, presentPage, type PageId } from "../dashboard/presenters/pages";
import type { PageModel } from "../dashboard/presenters/page-model";
import { BOM, tableToCsv } from "../dashboard/presenters/to-csv";
import { formatTextPage } from "./format-table";
import { statsContextOf } from "../dashboard/presenters/stats-context-of";

export const STATS_USAGE = `  stats [--page P] [--from YYYY-MM-DD --to YYYY-MM-DD] [--month YYYY-MM] [--format table|csv|json] [--table ID]
                                print the dashboard's figures (P: ${PAGE_IDS.join(", ")}, all; default overview)
  stats refresh                 fetch WeChat's statistics now (datacube backfill) and roll up the message log
`;

/** Renders pages as the dashboard's tables: aligned text, CSV (UTF-8 with BOM, CRLF) or JSON. */
export function renderPages(pages: PageModel[], format: string, table: string | undefined): string {
  if (format === "json") return JSON.stringify(pages.length === 1 ? pages[0] : pages, null, 2) + "\n";
  if (format === "csv") {
    const tables = pages.flatMap((p) => p.tables).filter((t) => table === undefined || t.id === table);
    if (tables.length === 0) throw new Error(`stats: no table "${table}" (tables: ${pages.flatMap((p) => p.tables.map((t) => t.id)).join(", ")})`);
    return BOM + tables.map((t) => tableToCsv(t).slice(BOM.length)).join("\r\n");
  }
  if (format === "table") return pages.map(formatTextPage).join("\n");
  throw new Error(`stats: --format must be table, csv or json, not "${format}"`);
}

/**
 * `npm run cli -- stats …`: prints what the dashboard shows, from the same presenters, or
 * (`stats refresh`) runs the daily stats job now. In sandbox mode `refresh` talks to an
 * in-process copy of the simulator, so the server need not be running.
 */
export async function statsCommand(config: Config, log: Logger, args: string[], out: (text: string) => void, clock?: Clock): Promise<number> {
  const { values, positionals } = parseArgs({
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
  const deps = buildDeps(config, log, clock ? { clock } : {});
  try {
    if (positionals[0] === "refresh") return await refresh(deps, out);
    if (positionals.length > 0) throw new Error(`stats: unknown argument "${positionals[0]}"\n${STATS_USAGE}`);
    const page = values.page ?? "overview";
    if (page !== "all" && !isPageId(page)) throw new Error(`stats: --page must be one of ${PAGE_IDS.join(", ")}, all`);
    const ids: PageId[] = page === "all" ? [...PAGE_IDS] : [page as PageId];
    const ctx = statsContextOf(deps);
    const models = ids.map((id) => presentPage(ctx, id, { from: values.from, to: values.to, month: values.month }));
    out(renderPages(models, values.format ?? "table", values.table));
    return 0;
  } finally {
    closeDeps(deps);
  }
}

async function refresh(deps: Deps, out: (text: string) => void): Promise<number> {
  let served: { baseUrl: string; close(): Promise<void> } | undefined;
  try {
    let wechat = deps.wechat;
    if (deps.sandbox) {
      served = await deps.sandbox.listen(0);
      const secrets = resolveSecrets(deps.config, deps.stores.settings, deps.clock);
      wechat = createApiClient({ baseUrl: served.baseUrl, appId: secrets.appId, appSecret: secrets.appSecret, db: deps.db, clock: deps.clock, log: deps.log });
    }
    const result = await runStatsJob(deps, { wechat });
    for (const s of result.sources) {
      out(`${s.source.padEnd(15)} ${s.status.padEnd(12)} through ${s.syncedThrough ?? "—"}  (${s.days} day(s), ${s.calls} call(s))${s.detail ? `  ${s.detail}` : ""}\n`);
    }
    out(`message log     rolled up ${result.rolledUp} day(s)\n`);
    return result.sources.some((s) => s.status === "error") ? 1 : 0;
  } finally {
    await served?.close();
  }
}
