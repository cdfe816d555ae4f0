"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.presentArticles = presentArticles;
const comment_count_store_1 = require("../../db/stores/comment-count-store");
const dates_1 = require("../../stats/dates");
const page_model_1 = require("./page-model");
const labels_1 = require("./labels");
const NOTE_THRESHOLD = "微信只统计当天阅读、分享、收藏合计不少于 3 次的图文（数据分析文档），互动很少的文章可能不出现；只有群发的图文有阅读数据。";
/** 文章: reads and shares of mass-sent articles (datacube), joined to the ledger for column and 期数. */
function presentArticles(ctx, range) {
    const page = (0, page_model_1.emptyPage)("文章");
    page.range = range;
    // An article read in the range was sent at most 7 days before it (getarticletotal's window).
    const pubs = ctx.stores.publications.listBetween(ctx.accountId, (0, dates_1.dayStart)((0, dates_1.addDays)(range.from, -8), ctx.timezone), (0, dates_1.dayStart)((0, dates_1.addDays)(range.to, 1), ctx.timezone));
    const byDataId = new Map();
    for (const p of pubs)
        if (p.msgDataId)
            byDataId.set(p.msgDataId, p);
    const columnName = (id) => ctx.columns.find((c) => c.id === id)?.name ?? id;
    // 留言 as last read on the 留言 page (comment index is 0-based; datacube's article_idx counts from 1).
    const commentCounts = ctx.stores.comments.all(ctx.accountId);
    const comments = (msgDataId, idx) => msgDataId === null ? null : (commentCounts.get((0, comment_count_store_1.commentCountKey)(msgDataId, idx))?.total ?? null);
    const COMMENTS_COLUMN = { key: "comments", label: "留言", numeric: true };
    const state = ctx.stores.sync.get(ctx.accountId, "articles");
    if (state?.status === "unavailable" || !state || state.succeededAt === null) {
        page.notices.push({
            level: "warn",
            text: state?.status === "unavailable"
                ? "公众号未认证（微信接口返回 48001），无法读取图文阅读数据。下表列出本系统的发布记录和群发送达人数（来自群发结果通知）。"
                : "尚未从微信同步图文数据（每天 08:40 自动同步）。下表暂列本系统的发布记录和群发送达人数。",
        });
        const published = pubs.filter((p) => p.state === "published" && p.publishedAt !== null && p.publishedAt < (0, dates_1.dayStart)((0, dates_1.addDays)(range.to, 1), ctx.timezone) && p.publishedAt >= (0, dates_1.dayStart)(range.from, ctx.timezone));
        page.kpis = [
            { label: "发布文章", value: (0, page_model_1.formatNumber)(published.length) },
            { label: "群发送达", value: (0, page_model_1.formatNumber)(published.reduce((a, p) => a + (p.sentCount ?? 0), 0)) },
        ];
        page.tables.push({
            id: "reach",
            caption: "发布与送达（本系统记录）",
            columns: [
                { key: "publishedAt", label: "发布时间" },
                { key: "column", label: "栏目" },
                { key: "issue", label: "期数", numeric: true },
                { key: "title", label: "标题" },
                { key: "mode", label: "方式" },
                { key: "sentCount", label: "送达人数", numeric: true },
                COMMENTS_COLUMN,
            ],
            rows: published.map((p) => ({
                publishedAt: (0, dates_1.formatMinute)(p.publishedAt, ctx.timezone),
                column: columnName(p.columnId),
                issue: p.issue,
                title: p.title,
                mode: (0, labels_1.label)(labels_1.MODE_LABELS, p.mode),
                sentCount: p.sentCount,
                comments: comments(p.msgDataId, 0),
            })),
            empty: "这段时间没有发布文章。",
        });
        return page;
    }
    if (state.status === "error")
        page.notices.push({ level: "warn", text: `最近一次同步图文数据失败（${state.detail ?? "未知原因"}），下次同步时自动重试。` });
    page.notices.push({ level: "info", text: NOTE_THRESHOLD });
    const articles = ctx.stores.snapshots.articleTotals(ctx.accountId, range.from, range.to);
    const daily = new Map(ctx.stores.snapshots.dailyReads(ctx.accountId, range.from, range.to).map((d) => [d.date, d]));
    const days = (0, dates_1.eachDay)(range.from, range.to);
    page.kpis = [
        { label: "阅读次数", value: (0, page_model_1.formatNumber)(articles.reduce((a, r) => a + r.intPageReadCount, 0)) },
        { label: "阅读人数（按日累加）", value: (0, page_model_1.formatNumber)(articles.reduce((a, r) => a + r.intPageReadUser, 0)) },
        { label: "分享次数", value: (0, page_model_1.formatNumber)(articles.reduce((a, r) => a + r.shareCount, 0)) },
        { label: "有阅读的文章", value: (0, page_model_1.formatNumber)(articles.length) },
    ];
    page.charts.push({
        id: "reads",
        title: "每日阅读",
        kind: "bar",
        labels: days,
        series: [
            { label: "阅读次数", data: days.map((d) => daily.get(d)?.readCount ?? 0) },
            { label: "阅读人数", type: "line", data: days.map((d) => daily.get(d)?.readUser ?? 0) },
            { label: "分享次数", type: "line", data: days.map((d) => daily.get(d)?.shareCount ?? 0) },
        ],
    });
    const top = articles.slice(0, 10);
    page.charts.push({
        id: "top-articles",
        title: "阅读最多的文章",
        kind: "bar",
        labels: top.map((a) => (a.title.length > 16 ? `${a.title.slice(0, 15)}…` : a.title)),
        series: [{ label: "阅读次数", data: top.map((a) => a.intPageReadCount) }],
    });
    page.tables.push({
        id: "articles",
        caption: "图文阅读（微信官方数据，按所选日期内的阅读累加）",
        columns: [
            { key: "title", label: "标题" },
            { key: "column", label: "栏目" },
            { key: "issue", label: "期数", numeric: true },
            { key: "sentDate", label: "发送日期" },
            { key: "targetUser", label: "送达人数", numeric: true },
            { key: "readUser", label: "阅读人数", numeric: true },
            { key: "readCount", label: "阅读次数", numeric: true },
            { key: "shareUser", label: "分享人数", numeric: true },
            { key: "shareCount", label: "分享次数", numeric: true },
            { key: "favUser", label: "收藏人数", numeric: true },
            COMMENTS_COLUMN,
        ],
        rows: articles.map((a) => {
            const pub = byDataId.get(a.msgDataId);
            return {
                title: a.title,
                column: pub ? columnName(pub.columnId) : null,
                issue: pub?.issue ?? null,
                sentDate: a.sentDate ?? a.firstDate,
                targetUser: a.targetUser,
                readUser: a.intPageReadUser,
                readCount: a.intPageReadCount,
                shareUser: a.shareUser,
                shareCount: a.shareCount,
                favUser: a.addToFavUser,
                comments: comments(a.msgDataId, (a.articleIdx ?? 1) - 1),
            };
        }),
        empty: "这段时间没有图文阅读数据。",
    });
    return page;
}
//# sourceMappingURL=present-articles.js.map