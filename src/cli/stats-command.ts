import { parseArgs } from "node:util";
import type { Config } from "../config";
import { buildDeps, closeDeps } from "../build-deps";
import type { Deps } from "../deps";
import { accountDepsOf } from "./account-option";
import type { Logger } from "../logger";
import type { Clock } from "../time";
import { createApiClient } from "../wechat/api-client";
import { runStatsJob } from "../stats/run-stats-job";
import { isPageId, PAGE_IDS, presentPage, type PageId } from "../dashboard/presenters/pages";
import type { PageModel } from "../dashboard/presenters/page-model";
import { BOM, tableToCsv } from "../dashboard/presenters/to-csv";
import { formatTextPage, formatTextTable } from "./format-table";
import { SYNC_SOURCE_LABELS, SYNC_STATUS_LABELS } from "../dashboard/presenters/labels";
import { localTime } from "./publication-words";
import { statsContextOf } from "../dashboard/presenters/stats-context-of";

export const STATS_USAGE = `  stats [--page P] [--from YYYY-MM-DD --to YYYY-MM-DD] [--month YYYY-MM] [--format table|csv|json] [--table ID] [--json]
                                打印后台的统计表（P：${PAGE_IDS.join("、")}、all；默认 overview）；--json 同 --format json
  stats refresh [--json]        现在从微信拉取统计数据（补齐缺的日子），并汇总消息日志
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
export async function statsCommand(
  config: Config,
  log: Logger,
  args: string[],
  out: (text: string) => void,
  clock?: Clock,
  /** Where "正在拉取…" goes while refresh works (the CLI: stderr on a terminal; nowhere otherwise). */
  progress?: (text: string) => void,
  /** `--account ID` (cli.ts): the account of the matrix; default the county's. */
  accountId?: string,
): Promise<number> {
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
      json: { type: "boolean" },
    },
  });
  const all = buildDeps(config, log, clock ? { clock } : {});
  try {
    const deps = accountDepsOf(all, accountId);
    if (positionals[0] === "refresh") return await refresh(deps, out, values.json === true, progress);
    if (positionals.length > 0) throw new Error(`stats: unknown argument "${positionals[0]}"\n${STATS_USAGE}`);
    const page = values.page ?? "overview";
    if (page !== "all" && !isPageId(page)) throw new Error(`stats: --page must be one of ${PAGE_IDS.join(", ")}, all`);
    const ids: PageId[] = page === "all" ? [...PAGE_IDS] : [page as PageId];
    const ctx = statsContextOf(deps);
    const models = ids.map((id) => presentPage(ctx, id, { from: values.from, to: values.to, month: values.month }));
    out(renderPages(models, values.json ? "json" : (values.format ?? "table"), values.table));
    return 0;
  } finally {
    void closeDeps(all);
  }
}

/** The same client, telling `tick` before each call: refresh makes dozens of datacube calls. */
function counting<T extends object>(api: T, tick: () => void): T {
  const wrapped = {} as Record<string, unknown>;
  for (const [name, fn] of Object.entries(api)) {
    wrapped[name] = typeof fn === "function" ? (...args: unknown[]) => (tick(), (fn as (...a: unknown[]) => unknown).apply(api, args)) : fn;
  }
  return wrapped as T;
}

async function refresh(deps: Deps, out: (text: string) => void, json: boolean, progress?: (text: string) => void): Promise<number> {
  let served: { baseUrl: string; close(): Promise<void> } | undefined;
  try {
    let wechat = deps.wechat;
    if (deps.sandbox) {
      served = await deps.sandbox.listen(0);
      const { id: accountId, secrets } = deps.account;
      wechat = createApiClient({ baseUrl: served.baseUrl, accountId, appId: secrets.appId, appSecret: secrets.appSecret, db: deps.db, clock: deps.clock, log: deps.log });
    }
    let calls = 0;
    const tick = () => progress?.(`正在从微信拉取统计数据…（第 ${++calls} 次调用）`);
    progress?.("正在从微信拉取统计数据…");
    const result = await runStatsJob(deps, { wechat: { datacube: counting(wechat.datacube, tick), user: counting(wechat.user, tick) } });
    progress?.("");
    if (json) {
      out(JSON.stringify({ sources: result.sources, articleSource: result.articleSource, rolledUp: result.rolledUp }, null, 2) + "\n");
    } else {
      const table = formatTextTable({
        id: "refresh",
        caption: `统计数据刷新（${localTime(deps.clock.now(), deps.config.scheduleTimezone)}）`,
        columns: [
          { key: "source", label: "数据" },
          { key: "status", label: "状态" },
          { key: "through", label: "已同步到" },
          { key: "days", label: "天数", numeric: true },
          { key: "calls", label: "调用次数", numeric: true },
          { key: "detail", label: "说明" },
        ],
        rows: result.sources.map((x) => ({
          source: SYNC_SOURCE_LABELS[x.source] ?? x.source,
          status: SYNC_STATUS_LABELS[x.status] ?? x.status,
          through: x.syncedThrough ?? "—",
          days: x.days,
          calls: x.calls,
          detail: x.detail ?? "",
        })),
      });
      out(`${table}\n消息日志：汇总了 ${result.rolledUp} 天\n`);
    }
    return result.sources.some((x) => x.status === "error") ? 1 : 0;
  } finally {
    await served?.close();
  }
}
