"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.buildMonthlyReport = buildMonthlyReport;
exports.summaryParagraph = summaryParagraph;
const bot_content_1 = require("../bot/bot-content");
const time_1 = require("../time");
const dates_1 = require("./dates");
const read_followers_1 = require("./read-followers");
const read_message_days_1 = require("./read-message-days");
/** The category a column reports under; columns no longer in columns.yml count as 其他. */
function categoryOf(ctx, columnId) {
    return ctx.columns.find((c) => c.id === columnId)?.category ?? "其他";
}
/**
 * The League's monthly report: per account the 微信体系建设情况 line (followers, 本月发送信息数
 * by category, 总数) and a summary paragraph "截至…，「青春轮台」已推送微信N期（其中…），收听青年N人，
 * 发布招聘信息N条，…", every figure computed from the publications ledger, datacube snapshots and
 * the message log.
 */
function buildMonthlyReport(ctx, month) {
    const { first, last } = (0, dates_1.monthDates)(month);
    const today = (0, time_1.localDate)(ctx.clock.now(), ctx.timezone);
    const asOf = (0, dates_1.minDate)(last, today);
    const monthStart = (0, dates_1.dayStart)(first, ctx.timezone);
    const monthEnd = (0, dates_1.dayStart)((0, dates_1.addDays)(last, 1), ctx.timezone);
    const asOfEnd = (0, dates_1.dayStart)((0, dates_1.addDays)(asOf, 1), ctx.timezone);
    const pubs = ctx.stores.publications;
    const monthly = new Map(pubs.publishedPerColumn(ctx.accountId, monthStart, monthEnd).map((c) => [c.columnId, c.n]));
    const allTime = new Map(pubs.publishedPerColumn(ctx.accountId, 0, asOfEnd).map((c) => [c.columnId, c.n]));
    const counts = Object.fromEntries(bot_content_1.COLUMN_CATEGORIES.map((c) => [c, 0]));
    for (const [columnId, n] of monthly)
        counts[categoryOf(ctx, columnId)] += n;
    const monthTotal = Object.values(counts).reduce((a, b) => a + b, 0);
    // columns.yml order first, then columns that were published but have since been removed.
    const ids = [...ctx.columns.map((c) => c.id), ...[...allTime.keys()].filter((id) => !ctx.columns.some((c) => c.id === id)).sort()];
    const columns = ids.map((id) => {
        const col = ctx.columns.find((c) => c.id === id);
        return { columnId: id, name: col?.name ?? id, category: col?.category ?? "其他", month: monthly.get(id) ?? 0, total: allTime.get(id) ?? 0 };
    });
    const followers = (0, read_followers_1.followerCountOn)(ctx, asOf);
    const issuesTotal = [...allTime.values()].reduce((a, b) => a + b, 0);
    const jobPosts = columns.filter((c) => c.category === "致富信息").reduce((a, c) => a + c.total, 0);
    const articlesState = ctx.stores.sync.get(ctx.accountId, "articles");
    const reads = articlesState?.succeededAt != null ? ctx.stores.snapshots.readCountThrough(ctx.accountId, asOf) : null;
    const firstDay = (0, read_message_days_1.firstMessageDay)(ctx);
    const answered = firstDay !== undefined && firstDay <= asOf ? (0, read_message_days_1.readActivityTotal)(ctx, firstDay, asOf).answered : 0;
    const monthDays = followers.source === "logs" ? [] : ctx.stores.snapshots.followerDays(ctx.accountId, first, asOf);
    const monthNewFollowers = monthDays.length > 0 ? monthDays.reduce((a, d) => a + d.newUser - d.cancelUser, 0) : null;
    const row = { accountName: ctx.accountName, followers: followers.value, followersSource: followers.source, counts, total: monthTotal };
    const facts = { issuesTotal, followers: followers.value, jobPosts, reads, answered, monthNewFollowers };
    return { month, asOf, rows: [row], columns, facts, summary: summaryParagraph(ctx.accountName, asOf, columns, facts, monthTotal) };
}
/** "截至2026年11月30日，「青春轮台」已推送微信48期（其中轮青关注20期、轮青诚聘15期），收听青年2345人，…。" */
function summaryParagraph(accountName, asOf, columns, facts, monthTotal) {
    const parts = columns.filter((c) => c.total > 0).map((c) => `${c.name}${c.total}期`);
    const clauses = [
        `截至${(0, dates_1.chineseDate)(asOf)}，「${accountName}」已推送微信${facts.issuesTotal}期${parts.length > 0 ? `（其中${parts.join("、")}）` : ""}`,
        `收听青年${facts.followers}人`,
        `发布招聘信息${facts.jobPosts}条`,
    ];
    if (facts.reads !== null)
        clauses.push(`图文累计阅读${facts.reads}次`);
    clauses.push(`自动回复青年咨询${facts.answered}次`);
    const month = asOf.slice(5, 7).replace(/^0/, "");
    const monthClause = `发送信息${monthTotal}条${facts.monthNewFollowers !== null ? `，净增关注${facts.monthNewFollowers}人` : ""}`;
    return `${clauses.join("，")}。${month}月${monthClause}。`;
}
//# sourceMappingURL=monthly-report.js.map