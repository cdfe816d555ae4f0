"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.presentQa = presentQa;
const count_qa_1 = require("../../qa/count-qa");
const dates_1 = require("../../stats/dates");
const page_model_1 = require("./page-model");
const hours = (ms) => (ms === null ? null : Math.round((ms / 3_600_000) * 10) / 10);
const percent = (part, whole) => (whole === 0 ? "—" : `${Math.round((part / whole) * 100)}%`);
function countsTable(id, caption, periodLabel, rows) {
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
function presentQa(ctx, range) {
    const page = (0, page_model_1.emptyPage)("青年之声");
    page.range = range;
    const store = ctx.stores.qa;
    const weeks = (0, count_qa_1.periodsBetween)("week", range.from, range.to);
    const months = (0, count_qa_1.periodsBetween)("month", range.from, range.to);
    // One read covering whole weeks and months at both ends; the KPIs count the range itself.
    const start = Math.min((0, dates_1.dayStart)(weeks[0].from, ctx.timezone), (0, dates_1.dayStart)(months[0].from, ctx.timezone));
    const end = Math.max((0, dates_1.dayStart)((0, dates_1.addDays)(weeks[weeks.length - 1].to, 1), ctx.timezone), (0, dates_1.dayStart)((0, dates_1.addDays)(months[months.length - 1].to, 1), ctx.timezone));
    const tickets = store.times(ctx.accountId, new Date(start), new Date(end));
    const inRange = tickets.filter((t) => t.askedAt >= (0, dates_1.dayStart)(range.from, ctx.timezone) && t.askedAt < (0, dates_1.dayStart)((0, dates_1.addDays)(range.to, 1), ctx.timezone));
    const total = (0, count_qa_1.totalQa)(inRange);
    const backlog = store.backlog(ctx.accountId);
    page.kpis = [
        { label: "待答复", value: (0, page_model_1.formatNumber)(backlog.open), hint: "现在" },
        { label: "已答复待送达", value: (0, page_model_1.formatNumber)(backlog.undelivered), hint: "青年下次发消息时送达" },
        { label: "提问", value: (0, page_model_1.formatNumber)(total.asked) },
        { label: "已答复", value: (0, page_model_1.formatNumber)(total.answered), hint: `答复率 ${percent(total.answered, total.asked)}` },
        { label: "48小时内答复", value: (0, page_model_1.formatNumber)(total.answeredWithin48h), hint: percent(total.answeredWithin48h, total.asked) },
        { label: "答复用时中位数", value: (0, count_qa_1.formatDuration)(total.medianAnswerMs) },
    ];
    page.notices.push({ level: "info", text: "按提问所在的周、月统计（北京时间；周一至周日）：答复、送达数为该期间提出的问题到现在为止的情况。" });
    const weekly = (0, count_qa_1.countQa)(tickets, weeks, ctx.timezone);
    const monthly = (0, count_qa_1.countQa)(tickets, months, ctx.timezone);
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
    for (const t of page.tables)
        t.empty = "这段时间没有提问。";
    return page;
}
//# sourceMappingURL=present-qa.js.map