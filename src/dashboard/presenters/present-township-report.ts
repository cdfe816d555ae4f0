import type { AuditEntry } from "../../db/stores/audit-store";
import type { TownshipReport } from "../../matrix/build-township-report";
import type { AccountsDeclaration } from "../../matrix/declared-account";
import type { FormStart } from "../../matrix/township-figures-service";
import type { ReportUnit } from "../../matrix/report-units";
import { chineseMonth, townshipReportGrid } from "../../matrix/township-report-grid";
import type { Grid } from "../../matrix/report-grid";
import { formatLocal } from "../../time";

export interface UnitStatus {
  key: string;
  label: string;
  /** entered: saved this month; previous: only an earlier month (the form starts from it); blank: never. */
  state: "entered" | "previous" | "blank";
  text: string;
  href: string;
}

export interface TownshipReportModel {
  month: string;
  monthLabel: string;
  grid: Grid;
  report: TownshipReport;
  units: UnitStatus[];
  /** Which rows' 发送微信数 come from the ledger and which are entered, in words. */
  sources: string[];
  lockDefaults: { filler: string; phone: string };
  history: AuditEntry[];
  canLock: boolean;
}

export const unitHref = (month: string, unit: string) => `/dashboard/township-report/${month}/unit/${encodeURIComponent(unit)}`;

/** The 附件3 page: each row's entry state, where 发送微信数 comes from, the table, lock and history. */
export function presentTownshipReport(input: {
  month: string;
  declaration: AccountsDeclaration;
  report: TownshipReport;
  units: readonly ReportUnit[];
  starts: ReadonlyMap<string, FormStart>;
  history: AuditEntry[];
  canLock: boolean;
  timezone: string;
}): TownshipReportModel {
  const { month, report, timezone } = input;
  const units = input.units.map((u): UnitStatus => {
    const start = input.starts.get(u.key);
    const state = start?.from === "saved" ? "entered" : start?.from === "previous" ? "previous" : "blank";
    const text =
      state === "entered"
        ? `已填报（${start!.savedBy}，${formatLocal(start!.savedAt!, timezone, "MM-DD HH:mm")}）`
        : state === "previous"
          ? `未填报（可从 ${chineseMonth(start!.sourceMonth!)} 的数字开始）`
          : "未填报";
    return { key: u.key, label: u.label, state, text, href: unitHref(month, u.key) };
  });
  const ledger = input.units.filter((u) => u.ledgerAccountIds.length > 0);
  const entered = input.units.filter((u) => u.kind === "township" && u.ledgerAccountIds.length === 0);
  const names = (list: readonly ReportUnit[]) => list.map((u) => `${u.label}（${u.accounts.map((a) => a.name).join("、")}）`).join("、");
  const sources: string[] = [];
  if (ledger.length > 0) sources.push(`${names(ledger)} 的发送微信数取自本系统的发布记录，按栏目的分类（columns.yml 的 category）统计，无需填写。`);
  if (entered.length > 0) {
    sources.push(`${names(entered)} 的公众号还不在本系统发布，本系统没有它们的发布记录，所以它们的发送微信数由乡镇在表单里填写。`);
  }
  const county = input.declaration.accounts.find((a) => a.level === "county") ?? input.declaration.accounts[0];
  return {
    month,
    monthLabel: chineseMonth(month),
    grid: townshipReportGrid(report),
    report,
    units,
    sources,
    lockDefaults: { filler: county?.admin?.name ?? "", phone: county?.admin?.phone ?? "" },
    history: input.history,
    canLock: input.canLock,
  };
}
