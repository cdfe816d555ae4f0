/**
 * The view model every stats page is made of. Presenters build it from the stores; the HTML view,
 * the CSV export and `cli stats` (table / csv / json) all render this same model, so the figures
 * staff see, download and print are the same.
 */

export type Cell = string | number | null;

export interface TableColumn {
  key: string;
  label: string;
  /** Right-aligned, formatted with separators in HTML; raw in CSV. */
  numeric?: boolean;
  /** Adjacent columns of one group share a header cell above theirs (CSV: "group·label"). */
  group?: string;
}

/** The column's full name outside a grouped header (CSV, JSON readers). */
export const fullLabel = (c: TableColumn) => (c.group ? `${c.group}·${c.label}` : c.label);

export interface Table {
  /** Stable id: the CSV export's file name and URL (/dashboard/export/<page>/<id>.csv). */
  id: string;
  caption: string;
  columns: TableColumn[];
  rows: Record<string, Cell>[];
  /** Shown instead of an empty table. */
  empty?: string;
}

export interface ChartSeries {
  label: string;
  data: (number | null)[];
  /** Mixed charts: a line over bars. */
  type?: "bar" | "line";
  /** Bars with the same stack are stacked. */
  stack?: string;
  /** "y1": the right-hand axis (e.g. cumulative followers next to daily changes). */
  axis?: "y" | "y1";
}

export interface Chart {
  id: string;
  title: string;
  kind: "bar" | "line" | "doughnut";
  labels: string[];
  series: ChartSeries[];
  /**
   * The left value axis. Every chart counts things, so its steps are whole numbers; it starts at 0
   * unless `beginAtZero` is false (a running total such as 12,290 followers is drawn near its values).
   */
  valueAxis?: { beginAtZero: boolean };
}

export interface Kpi {
  label: string;
  value: string;
  hint?: string;
}

export interface Notice {
  level: "info" | "warn";
  text: string;
}

export interface DateRange {
  from: string;
  to: string;
}

export interface PageModel {
  title: string;
  /** Date range pages; the monthly report has `month` instead. */
  range?: DateRange;
  month?: string;
  kpis: Kpi[];
  notices: Notice[];
  /** Paragraphs of prose (the report's summary). */
  paragraphs: string[];
  charts: Chart[];
  tables: Table[];
}

export const emptyPage = (title: string): PageModel => ({ title, kpis: [], notices: [], paragraphs: [], charts: [], tables: [] });

/** 12345 → "12,345"; null → "—". */
export function formatNumber(n: number | null | undefined): string {
  return n === null || n === undefined ? "—" : n.toLocaleString("en-US");
}
