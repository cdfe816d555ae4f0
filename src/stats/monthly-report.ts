import { COLUMN_CATEGORIES, type ColumnCategory } from "../bot/bot-content";
import { localDate } from "../time";
import { addDays, chineseDate, dayStart, minDate, monthDates } from "./dates";
import { followerCountOn } from "./read-followers";
import { firstMessageDay, readActivityTotal } from "./read-message-days";
import type { StatsContext } from "./stats-context";

/** One account's line of the 微信体系建设情况 table. */
export interface CategoryReportRow {
  accountName: string;
  followers: number;
  /** datacube / user_get: WeChat's figures; logs: our own lower bound (unverified account). */
  followersSource: "datacube" | "user_get" | "logs";
  /** 本月发送信息数 per category: published posts of the month, by their column's category. */
  counts: Record<ColumnCategory, number>;
  total: number;
}

export interface ColumnIssues {
  columnId: string;
  name: string;
  category: ColumnCategory;
  /** Published in the month. */
  month: number;
  /** Published up to and including `asOf` (all time). */
  total: number;
}

export interface MonthlyReport {
  month: string;
  /** 截至: the month's last day, or today while the month runs. */
  asOf: string;
  rows: CategoryReportRow[];
  columns: ColumnIssues[];
  facts: {
    issuesTotal: number;
    followers: number;
    /** Published posts of 致富信息 columns (轮青诚聘: job and start-up offers), all time. */
    jobPosts: number;
    /** Reads of mass-sent articles (datacube), all time; null when WeChat's stats are unavailable. */
    reads: number | null;
    /** Youths' messages answered by a column (keyword, numbered menu), all time. */
    answered: number;
    monthNewFollowers: number | null;
  };
  /** The 青春轮台-style summary paragraph. */
  summary: string;
}

/** The category a column reports under; columns no longer in columns.yml count as 其他. */
function categoryOf(ctx: StatsContext, columnId: string): ColumnCategory {
  return ctx.columns.find((c) => c.id === columnId)?.category ?? "其他";
}

function countsByCategory(ctx: StatsContext, perColumn: ReadonlyMap<string, number>): Record<ColumnCategory, number> {
  const counts = Object.fromEntries(COLUMN_CATEGORIES.map((c) => [c, 0])) as Record<ColumnCategory, number>;
  for (const [columnId, n] of perColumn) counts[categoryOf(ctx, columnId)] += n;
  return counts;
}

/**
 * 本月发送信息数 per category of `ctx.accountId` from the publications ledger: the 月报's figures,
 * and 附件3's 发送微信数 for the accounts this install publishes for (src/matrix/).
 */
export function sentByCategory(ctx: StatsContext, month: string): Record<ColumnCategory, number> {
  const { first, last } = monthDates(month);
  const perColumn = ctx.stores.publications.publishedPerColumn(ctx.accountId, dayStart(first, ctx.timezone), dayStart(addDays(last, 1), ctx.timezone));
  return countsByCategory(ctx, new Map(perColumn.map((c) => [c.columnId, c.n])));
}

/**
 * The League's monthly report: per account the 微信体系建设情况 line (followers, 本月发送信息数
 * by category, 总数) and a summary paragraph "截至…，「青春轮台」已推送微信N期（其中…），收听青年N人，
 * 发布招聘信息N条，…", every figure computed from the publications ledger, datacube snapshots and
 * the message log.
 */
export function buildMonthlyReport(ctx: StatsContext, month: string): MonthlyReport {
  const { first, last } = monthDates(month);
  const today = localDate(ctx.clock.now(), ctx.timezone);
  const asOf = minDate(last, today);
  const monthStart = dayStart(first, ctx.timezone);
  const monthEnd = dayStart(addDays(last, 1), ctx.timezone);
  const asOfEnd = dayStart(addDays(asOf, 1), ctx.timezone);
  const pubs = ctx.stores.publications;

  const monthly = new Map(pubs.publishedPerColumn(ctx.accountId, monthStart, monthEnd).map((c) => [c.columnId, c.n]));
  const allTime = new Map(pubs.publishedPerColumn(ctx.accountId, 0, asOfEnd).map((c) => [c.columnId, c.n]));

  const counts = countsByCategory(ctx, monthly);
  const monthTotal = Object.values(counts).reduce((a, b) => a + b, 0);

  // columns.yml order first, then columns that were published but have since been removed.
  const ids = [...ctx.columns.map((c) => c.id), ...[...allTime.keys()].filter((id) => !ctx.columns.some((c) => c.id === id)).sort()];
  const columns: ColumnIssues[] = ids.map((id) => {
    const col = ctx.columns.find((c) => c.id === id);
    return { columnId: id, name: col?.name ?? id, category: col?.category ?? "其他", month: monthly.get(id) ?? 0, total: allTime.get(id) ?? 0 };
  });

  const followers = followerCountOn(ctx, asOf);
  const issuesTotal = [...allTime.values()].reduce((a, b) => a + b, 0);
  const jobPosts = columns.filter((c) => c.category === "致富信息").reduce((a, c) => a + c.total, 0);
  const articlesState = ctx.stores.sync.get(ctx.accountId, "articles");
  const reads = articlesState?.succeededAt != null ? ctx.stores.snapshots.readCountThrough(ctx.accountId, asOf) : null;
  const firstDay = firstMessageDay(ctx);
  const answered = firstDay !== undefined && firstDay <= asOf ? readActivityTotal(ctx, firstDay, asOf).answered : 0;
  const monthDays = followers.source === "logs" ? [] : ctx.stores.snapshots.followerDays(ctx.accountId, first, asOf);
  const monthNewFollowers = monthDays.length > 0 ? monthDays.reduce((a, d) => a + d.newUser - d.cancelUser, 0) : null;

  const row: CategoryReportRow = { accountName: ctx.accountName, followers: followers.value, followersSource: followers.source, counts, total: monthTotal };
  const facts = { issuesTotal, followers: followers.value, jobPosts, reads, answered, monthNewFollowers };
  return { month, asOf, rows: [row], columns, facts, summary: summaryParagraph(ctx.accountName, asOf, columns, facts, monthTotal) };
}

/** "截至2026年11月30日，「青春轮台」已推送微信48期（其中轮青关注20期、轮青诚聘15期），收听青年2345人，…。" */
export function summaryParagraph(
  accountName: string,
  asOf: string,
  columns: readonly ColumnIssues[],
  facts: MonthlyReport["facts"],
  monthTotal: number,
): string {
  const parts = columns.filter((c) => c.total > 0).map((c) => `${c.name}${c.total}期`);
  const clauses = [
    `截至${chineseDate(asOf)}，「${accountName}」已推送微信${facts.issuesTotal}期${parts.length > 0 ? `（其中${parts.join("、")}）` : ""}`,
    `收听青年${facts.followers}人`,
    `发布招聘信息${facts.jobPosts}条`,
  ];
  if (facts.reads !== null) clauses.push(`图文累计阅读${facts.reads}次`);
  clauses.push(`自动回复青年咨询${facts.answered}次`);
  const month = asOf.slice(5, 7).replace(/^0/, "");
  const monthClause = `发送信息${monthTotal}条${facts.monthNewFollowers !== null ? `，净增关注${facts.monthNewFollowers}人` : ""}`;
  return `${clauses.join("，")}。${month}月${monthClause}。`;
}
