import type { ColumnCategory } from "../bot/bot-content";
import type { TownshipFigureStore } from "../db/stores/township-figure-store";
import { buildTownshipReport, type TownshipReport } from "./build-township-report";
import type { AccountsDeclaration } from "./declared-account";
import { reportUnits, type ReportUnit } from "./report-units";

export interface TownshipReportSources {
  declaration: AccountsDeclaration;
  /** The accounts this install publishes for (deps.accounts: today `default`). */
  served: ReadonlySet<string>;
  figures: TownshipFigureStore;
  /** 发送微信数 of one served account in the month, from the ledger (stats/monthly-report.ts sentByCategory). */
  sentOf(accountId: string, month: string): Record<ColumnCategory, number>;
  /** Today, YYYY-MM-DD in Asia/Shanghai. */
  today: string;
  localDateOf(at: Date): string;
}

/** Reads what 附件3 of `month` needs and lays out its rows: the page, the .xlsx and the CSV share it. */
export function readTownshipReport(src: TownshipReportSources, month: string): { report: TownshipReport; units: ReportUnit[] } {
  const units = reportUnits(src.declaration, src.served);
  const sent = new Map<string, Record<ColumnCategory, number>>();
  const report = buildTownshipReport({
    month,
    committee: src.declaration.committee,
    units,
    entered: src.figures.month(month),
    sentOf: (id) => {
      if (!sent.has(id)) sent.set(id, src.sentOf(id, month));
      return sent.get(id)!;
    },
    lock: src.figures.lock(month),
    today: src.today,
    localDateOf: src.localDateOf,
  });
  return { report, units };
}
