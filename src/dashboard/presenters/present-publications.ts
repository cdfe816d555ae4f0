import { addDays, dayStart, formatMinute } from "../../stats/dates";
import type { StatsContext } from "../../stats/stats-context";
import { emptyPage, formatNumber, type DateRange, type PageModel } from "./page-model";
import { label, MODE_LABELS, STATE_LABELS } from "./labels";

/** 发布: the publications ledger of the range: what went out, with 期数, and what failed or was missed. */
export function presentPublications(ctx: StatsContext, range: DateRange): PageModel {
  const page = emptyPage("发布");
  page.range = range;
  const from = dayStart(range.from, ctx.timezone);
  const to = dayStart(addDays(range.to, 1), ctx.timezone);
  const rows = ctx.stores.publications.listBetween(ctx.accountId, from, to);
  const count = (state: string) => rows.filter((r) => r.state === state).length;
  page.kpis = [
    { label: "已发布", value: formatNumber(count("published")) },
    { label: "失败", value: formatNumber(count("failed")) },
    { label: "错过时间", value: formatNumber(count("missed")) },
    { label: "待发布", value: formatNumber(count("scheduled") + count("waiting_quota")) },
  ];
  if (count("failed") + count("missed") > 0) {
    page.notices.push({ level: "warn", text: "有文章发布失败或错过时间：原因见下表。在发布页面点“重试”“立即发布”或“改时间”，或运行 npm run cli -- publish --post <文件名>。" });
  }

  const columnIds = [...ctx.columns.map((c) => c.id), ...new Set(rows.map((r) => r.columnId).filter((id) => !ctx.columns.some((c) => c.id === id)))];
  const perColumn = columnIds.map((id) => {
    const mine = rows.filter((r) => r.columnId === id);
    const col = ctx.columns.find((c) => c.id === id);
    const n = (s: string) => mine.filter((r) => r.state === s).length;
    return {
      column: col?.name ?? id,
      category: col?.category ?? "其他",
      published: n("published"),
      failed: n("failed"),
      missed: n("missed"),
      other: mine.length - n("published") - n("failed") - n("missed"),
    };
  });
  page.charts.push({
    id: "published-per-column",
    title: "各栏目发布情况",
    kind: "bar",
    labels: perColumn.map((c) => c.column),
    series: [
      { label: "已发布", stack: "s", data: perColumn.map((c) => c.published) },
      { label: "失败", stack: "s", data: perColumn.map((c) => c.failed) },
      { label: "错过时间", stack: "s", data: perColumn.map((c) => c.missed) },
    ],
  });
  page.tables.push({
    id: "columns",
    caption: "各栏目发布情况",
    columns: [
      { key: "column", label: "栏目" },
      { key: "category", label: "分类" },
      { key: "published", label: "已发布", numeric: true },
      { key: "failed", label: "失败", numeric: true },
      { key: "missed", label: "错过时间", numeric: true },
      { key: "other", label: "其他状态", numeric: true },
    ],
    rows: perColumn,
  });
  const columnName = (id: string) => ctx.columns.find((c) => c.id === id)?.name ?? id;
  page.tables.push({
    id: "ledger",
    caption: "发布记录",
    columns: [
      { key: "at", label: "时间" },
      { key: "column", label: "栏目" },
      { key: "issue", label: "期数", numeric: true },
      { key: "title", label: "标题" },
      { key: "mode", label: "方式" },
      { key: "state", label: "状态" },
      { key: "sentCount", label: "送达人数", numeric: true },
      { key: "reason", label: "原因" },
      { key: "slug", label: "文件" },
    ],
    rows: rows.map((r) => ({
      at: formatMinute(r.publishedAt ?? r.scheduledAt, ctx.timezone),
      column: columnName(r.columnId),
      issue: r.state === "published" ? r.issue : null,
      title: r.title,
      mode: label(MODE_LABELS, r.mode),
      state: label(STATE_LABELS, r.state),
      sentCount: r.sentCount,
      reason: r.failureReason,
      slug: r.slug,
    })),
    empty: "这段时间没有发布记录。",
  });
  return page;
}
