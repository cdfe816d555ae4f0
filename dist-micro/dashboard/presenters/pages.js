"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isPageId = exports.PAGES = exports.PAGE_IDS = void 0;
exports.presentPage = presentPage;
const time_1 = require("../../time");
const present_articles_1 = require("./present-articles");
const present_followers_1 = require("./present-followers");
const present_messages_1 = require("./present-messages");
const present_overview_1 = require("./present-overview");
const present_publications_1 = require("./present-publications");
const present_qa_1 = require("./present-qa");
const present_report_1 = require("./present-report");
const present_content_1 = require("./present-content");
const resolve_range_1 = require("./resolve-range");
exports.PAGE_IDS = ["overview", "followers", "articles", "messages", "publications", "qa", "report", "content"];
exports.PAGES = [
    { id: "overview", path: "", nav: "概览", param: "range" },
    { id: "followers", path: "followers", nav: "关注", param: "range" },
    { id: "articles", path: "articles", nav: "文章", param: "range" },
    { id: "messages", path: "messages", nav: "消息", param: "range" },
    { id: "publications", path: "publications", nav: "发布", param: "range" },
    // Served by dashboard-qa-routes.ts: these figures plus the tickets to answer.
    { id: "qa", path: "qa", nav: "青年之声", param: "range" },
    { id: "report", path: "report", nav: "月报", param: "month" },
    { id: "content", path: "content", nav: "内容检查", param: "range" },
];
const isPageId = (s) => exports.PAGE_IDS.includes(s);
exports.isPageId = isPageId;
/** The one entry point the dashboard, the CSV export, `cli stats` and the bench share. */
function presentPage(ctx, id, query) {
    const today = (0, time_1.localDate)(ctx.clock.now(), ctx.timezone);
    switch (id) {
        case "overview":
            return (0, present_overview_1.presentOverview)(ctx, (0, resolve_range_1.resolveRange)(query, today));
        case "followers":
            return (0, present_followers_1.presentFollowers)(ctx, (0, resolve_range_1.resolveRange)(query, today));
        case "articles":
            return (0, present_articles_1.presentArticles)(ctx, (0, resolve_range_1.resolveRange)(query, today));
        case "messages":
            return (0, present_messages_1.presentMessages)(ctx, (0, resolve_range_1.resolveRange)(query, today));
        case "publications":
            return (0, present_publications_1.presentPublications)(ctx, (0, resolve_range_1.resolveRange)(query, today));
        case "qa":
            return (0, present_qa_1.presentQa)(ctx, (0, resolve_range_1.resolveRange)(query, today));
        case "report":
            return (0, present_report_1.presentReport)(ctx, (0, resolve_range_1.resolveMonth)(query.month, today));
        case "content":
            return (0, present_content_1.presentContent)(ctx);
    }
}
//# sourceMappingURL=pages.js.map