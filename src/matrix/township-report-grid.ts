import { chineseDate } from "../stats/dates";
import type { TownshipReport } from "./build-township-report";
import { TABLE_FIELDS } from "./figure-fields";
import { headerRows, type Grid, type GridCell, type GridRowKind, type Merge } from "./report-grid";

export const ATTACHMENT3_TITLE = "农村共青团微信体系建设工作推进情况跟踪摸底表";

/** "2026-11" → "2026年11月". */
export const chineseMonth = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

/** Header-field cells of row 3: [label, first column, last column] over the 26 columns A–Z. */
const META_SPANS: ReadonlyArray<readonly [number, number]> = [
  [0, 7],
  [8, 13],
  [14, 18],
  [19, 22],
  [23, 25],
];

/**
 * 附件3 laid out as the League's table: "附件3", the title, the header fields (团委, 统计月份,
 * 填报时间, 填表人, 联系方式), three header rows (序号, 乡镇, the figures, 微信群内成员数 over 合计 /
 * 在乡 / 外出, 发送微信数 and 线下活动开展情况 over their kinds), a row per township, 合计, the
 * 县级 and 市级直属微信群数量 rows and 总计. The real form was not found in public sources; this
 * layout follows issue 14's list of its columns and rows.
 */
export function townshipReportGrid(report: TownshipReport): Grid {
  const paths = [["序号"], ["乡镇"], ...TABLE_FIELDS.map((f) => [...f.groups, f.label])];
  const width = paths.length;
  const blank = (): GridCell[] => Array.from({ length: width }, () => null);
  const rows: GridCell[][] = [];
  const kinds: GridRowKind[] = [];
  const merges: Merge[] = [];

  rows.push(["附件3", ...blank().slice(1)]);
  kinds.push("attachment");
  rows.push([ATTACHMENT3_TITLE, ...blank().slice(1)]);
  kinds.push("title");
  merges.push({ top: 1, left: 0, bottom: 1, right: width - 1 });

  const meta = [
    `团委：${report.committee}`,
    `统计月份：${chineseMonth(report.month)}`,
    `填报时间：${chineseDate(report.filedOn)}`,
    `填表人：${report.lock?.filler ?? ""}`,
    `联系方式：${report.lock?.phone ?? ""}`,
  ];
  const metaRow = blank();
  META_SPANS.forEach(([left, right], i) => {
    metaRow[left] = meta[i]!;
    merges.push({ top: 2, left, bottom: 2, right });
  });
  rows.push(metaRow);
  kinds.push("meta");

  const head = headerRows(paths, rows.length);
  rows.push(...head.rows);
  kinds.push(...head.rows.map((): GridRowKind => "head"));
  merges.push(...head.merges);

  for (const r of report.rows) {
    rows.push([r.seq, r.label, ...r.cells]);
    kinds.push(r.kind === "unit" || r.kind === "county-direct" || r.kind === "city-direct" ? "body" : "sum");
  }
  const widths = paths.map((p, i) => (i === 0 ? 6 : i === 1 ? 18 : Math.max(8, 2 * p[p.length - 1]!.length + 2)));
  return { sheet: `附件3 ${report.month}`, rows, kinds, merges, widths, frozen: { rows: 3 + head.rows.length, columns: 2 } };
}
