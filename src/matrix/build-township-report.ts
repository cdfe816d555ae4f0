import { COLUMN_CATEGORIES, type ColumnCategory } from "../bot/bot-content";
import type { ReportLock, SavedFigures } from "../db/stores/township-figure-store";
import { MEMBER_TOTAL, SENT_FIELDS, TABLE_FIELDS } from "./figure-fields";
import type { ReportUnit } from "./report-units";
import { memberTotal } from "./validate-figures";

export type ReportRowKind = "unit" | "subtotal" | "county-direct" | "city-direct" | "total";

/** One line of 附件3: `cells` follow TABLE_FIELDS; null is a blank cell (nothing entered). */
export interface ReportRow {
  kind: ReportRowKind;
  /** 序号 of a township row. */
  seq: number | null;
  label: string;
  cells: (number | null)[];
  /** The unit's figures were saved for this month (false: still blank, or only last month's). */
  entered: boolean;
  /** 发送微信数 comes from this install's publications ledger. */
  sentFromLedger: boolean;
}

export interface TownshipReport {
  month: string;
  /** 团委. */
  committee: string;
  /** 填报时间: the day the month was locked (filed), else today (a draft). */
  filedOn: string;
  lock: ReportLock | null;
  rows: ReportRow[];
}

export interface TownshipReportInput {
  month: string;
  committee: string;
  units: readonly ReportUnit[];
  entered: ReadonlyMap<string, SavedFigures>;
  /** The ledger's 发送微信数 of one account this install publishes for. */
  sentOf(accountId: string): Record<ColumnCategory, number>;
  lock: ReportLock | undefined;
  /** Today (YYYY-MM-DD, Asia/Shanghai), and the day to print for a lock. */
  today: string;
  localDateOf(at: Date): string;
}

const sum = (values: readonly (number | null)[]): number | null =>
  values.some((v) => v !== null) ? values.reduce<number>((a, v) => a + (v ?? 0), 0) : null;
const columnSums = (rows: readonly ReportRow[]): (number | null)[] => TABLE_FIELDS.map((_, i) => sum(rows.map((r) => r.cells[i]!)));

function unitRow(unit: ReportUnit, seq: number | null, input: TownshipReportInput): ReportRow {
  const saved = input.entered.get(unit.key);
  const values = saved?.values ?? {};
  const asked = new Set(unit.fields.map((f) => f.key));
  const ledger = unit.ledgerAccountIds.length > 0;
  const sent = ledger
    ? COLUMN_CATEGORIES.map((c) => unit.ledgerAccountIds.reduce((a, id) => a + input.sentOf(id)[c], 0))
    : undefined;
  const cells = TABLE_FIELDS.map((f): number | null => {
    const sentIndex = SENT_FIELDS.indexOf(f);
    if (sent && sentIndex >= 0) return sent[sentIndex]!;
    if (!asked.has(f.key)) return null;
    if (f.key === MEMBER_TOTAL.key) return memberTotal(values) ?? null;
    return values[f.key] ?? null;
  });
  return { kind: unit.kind === "township" ? "unit" : unit.kind, seq, label: unit.label, cells, entered: saved !== undefined, sentFromLedger: ledger };
}

/**
 * 附件3 for one month: a row per township in accounts.yml order (entered figures; 发送微信数 from
 * the ledger where this install publishes for the township's account), 合计 over the townships,
 * the 县级 and 市级直属微信群 rows, and 总计 (合计 plus the two 直属 rows). Pure: the caller reads.
 */
export function buildTownshipReport(input: TownshipReportInput): TownshipReport {
  const townships = input.units.filter((u) => u.kind === "township");
  const rows = townships.map((u, i) => unitRow(u, i + 1, input));
  const subtotal: ReportRow = { kind: "subtotal", seq: null, label: "合计", cells: columnSums(rows), entered: true, sentFromLedger: false };
  const direct = input.units.filter((u) => u.kind !== "township").map((u) => unitRow(u, null, input));
  const total: ReportRow = { kind: "total", seq: null, label: "总计", cells: columnSums([subtotal, ...direct]), entered: true, sentFromLedger: false };
  return {
    month: input.month,
    committee: input.committee,
    filedOn: input.lock ? input.localDateOf(input.lock.lockedAt) : input.today,
    lock: input.lock ?? null,
    rows: [...rows, subtotal, ...direct, total],
  };
}
