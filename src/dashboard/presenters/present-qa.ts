import { countQa, formatDuration, periodsBetween, totalQa, type QaCounts } from "../../qa/count-qa";
import { addDays, dayStart } from "../../stats/dates";
import type { StatsContext } from "../../stats/stats-context";
import { emptyPage, formatNumber, type DateRange, type PageModel, type Table } from "./page-model";

const hours = (ms: number | null) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);
const percent = (part: number, whole: number) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);

function countsTable(id: string, caption: string, periodLabel: string, rows: QaCounts[]): Table {
  return {
    id,
    caption,
    columns: [
      { key: "period", label: periodLabel },
      { key: "from", label: "起" },
      { key: "to", label: "止" },
      { key: "asked", label: "提问", numeric: true },
      { key: "answered", label: "已答复", numeric: true },
      { key: "delivered", label: "已送达", numeric: true },
      { key: "within48h", label: "48小时内答复", numeric: true },
      { key: "medianHours", label: "答复用时中位数（小时）", numeric: true },
    ],
    rows: rows.map((r) => ({
      period: r.key,
      from: r.from,
      to: r.to,
      asked: r.asked,
      answered: r.answered,
      delivered: r.delivered,
      within48h: r.answeredWithin48h,
      medianHours: hours(r.medianAnswerMs),
    })),
  };
}

/**
 * 青年之声: questions youths asked in the range and what became of them, per week and per month
 * (Asia/Shanghai), counted by the period the question was asked in (src/qa/count-qa.ts). The
 * dashboard's Q&A page adds the tickets themselves (src/http/routes/dashboard-qa-routes.ts).
 */
export function presentQa(ctx: StatsContext, range: DateRange): PageModel {
  const page = emptyPage("青年之声");
  page.range = range;
  const store = ctx.stores.qa;
  const weeks = periodsBetween("week", range.from, range.to);
  const months = periodsBetween("month", range.from, range.to);
  // One read covering whole weeks and months at both ends; the KPIs count the range itself.
  const start = Math.min(dayStart(weeks[0]!.from, ctx.timezone), dayStart(months[0]!.from, ctx.timezone));
  const end = Math.max(dayStart(addDays(weeks[weeks.length - 1]!.to, 1), ctx.timezone), dayStart(addDays(months[months.length - 1]!.to, 1), ctx.timezone));
  const tickets = store.times(ctx.accountId, new Date(start), new Date(end));
  const inRange = tickets.filter((t) => t.askedAt >= dayStart(range.from, ctx.timezone) && t.askedAt < dayStart(addDays(range.to, 1), ctx.timezone));
  const total = totalQa(inRange);
  const backlog = store.backlog(ctx.accountId);

  page.kpis = [
    { label: "待答复", value: formatNumber(backlog.open), hint: "现在" },
    { label: "已答复待送达", value: formatNumber(backlog.undelivered), hint: "青年下次发消息时送达" },
    { label: "提问", value: formatNumber(total.asked) },
    { label: "已答复", value: formatNumber(total.answered), hint: `答复率 ${percent(total.answered, total.asked)}` },
    { label: "48小时内答复", value: formatNumber(total.answeredWithin48h), hint: percent(total.answeredWithin48h, total.asked) },
    { label: "答复用时中位数", value: formatDuration(total.medianAnswerMs) },
  ];
  page.notices.push({ level: "info", text: "按提问所在的周、月统计（北京时间；周一至周日）：答复、送达数为该期间提出的问题到现在为止的情况。" });

  const weekly = countQa(tickets, weeks, ctx.timezone);
  const monthly = countQa(tickets, months, ctx.timezone);
  page.charts.push({
    id: "qa-weekly",
    title: "每周提问与答复",
    kind: "bar",
    labels: weekly.map((w) => `${w.from.slice(5)}周`),
    series: [
      { label: "提问", data: weekly.map((w) => w.asked) },
      { label: "已答复", data: weekly.map((w) => w.answered) },
      { label: "已送达", data: weekly.map((w) => w.delivered) },
    ],
  });
  page.tables.push(countsTable("weekly", "每周（周一至周日）", "周", weekly), countsTable("monthly", "每月", "月", monthly));
  for (const t of page.tables) t.empty = "这段时间没有提问。";
  return page;
}
