"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.presentReport = presentReport;
const bot_content_1 = require("../../bot/bot-content");
const monthly_report_1 = require("../../stats/monthly-report");
const dates_1 = require("../../stats/dates");
const count_qa_1 = require("../../qa/count-qa");
const page_model_1 = require("./page-model");
/** 月报: the 微信体系建设情况 line per account, issues per column, and the summary paragraph. */
function presentReport(ctx, month) {
    const page = (0, page_model_1.emptyPage)("月报");
    page.month = month;
    const report = (0, monthly_report_1.buildMonthlyReport)(ctx, month);
    const row = report.rows[0];
    // 青年之声: questions asked this month and how many of them have an answer (src/qa/count-qa.ts).
    const { first, last } = (0, dates_1.monthDates)(month);
    const qa = (0, count_qa_1.readQaCounts)(ctx.stores.qa, ctx.accountId, "month", first, last, ctx.timezone)[0];
    page.kpis = [
        { label: "本月发送信息", value: (0, page_model_1.formatNumber)(row.total) },
        { label: "累计推送", value: `${report.facts.issuesTotal} 期` },
        { label: row.followersSource === "logs" ? "关注青年（本系统记录）" : "关注人数", value: (0, page_model_1.formatNumber)(row.followers), hint: `截至 ${report.asOf}` },
    ];
    if (row.followersSource === "logs") {
        page.notices.push({ level: "warn", text: "公众号统计接口不可用（未认证或尚未同步），关注人数取自本系统记录的关注事件，可能少于实际人数，上报前请在公众号后台核对。" });
    }
    page.paragraphs.push(report.summary);
    page.tables.push({
        id: "system",
        caption: `微信体系建设情况（${month}）`,
        columns: [
            { key: "account", label: "账号名称" },
            { key: "followers", label: "关注人数", numeric: true },
            ...bot_content_1.COLUMN_CATEGORIES.map((c) => ({ key: c, label: c, group: "本月发送信息数", numeric: true })),
            { key: "total", label: "总数", numeric: true },
        ],
        rows: report.rows.map((r) => ({ account: r.accountName, followers: r.followers, ...r.counts, total: r.total })),
    });
    page.charts.push({
        id: "categories",
        title: "本月发送信息分类",
        kind: "doughnut",
        labels: [...bot_content_1.COLUMN_CATEGORIES],
        series: [{ label: "条数", data: bot_content_1.COLUMN_CATEGORIES.map((c) => row.counts[c]) }],
    });
    page.tables.push({
        id: "issues",
        caption: "各栏目期数",
        columns: [
            { key: "column", label: "栏目" },
            { key: "category", label: "分类" },
            { key: "month", label: "本月期数", numeric: true },
            { key: "total", label: "累计期数", numeric: true },
        ],
        rows: report.columns.map((c) => ({ column: c.name, category: c.category, month: c.month, total: c.total })),
    });
    page.tables.push({
        id: "summary",
        caption: "汇总数字",
        columns: [
            { key: "item", label: "项目" },
            { key: "value", label: "数值", numeric: true },
        ],
        rows: [
            { item: "累计推送期数", value: report.facts.issuesTotal },
            { item: "收听青年（关注人数）", value: report.facts.followers },
            { item: "发布招聘信息（致富信息类栏目文章）", value: report.facts.jobPosts },
            { item: "图文累计阅读", value: report.facts.reads },
            { item: "自动回复青年咨询", value: report.facts.answered },
            { item: "本月净增关注", value: report.facts.monthNewFollowers },
            { item: "青年之声本月提问", value: qa?.asked ?? 0 },
            { item: "青年之声本月提问已答复", value: qa?.answered ?? 0 },
        ],
    });
    return page;
}
//# sourceMappingURL=present-report.js.map