"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.followerName = exports.INBOX_FILTERS = exports.INBOX_PER_PAGE = void 0;
exports.readInboxQuery = readInboxQuery;
exports.rangeOf = rangeOf;
exports.inboxHref = inboxHref;
exports.maskOpenId = maskOpenId;
exports.messageGist = messageGist;
exports.presentThreadRow = presentThreadRow;
exports.replyGist = replyGist;
exports.presentThreadItems = presentThreadItems;
/**
 * The inbox (私信) for staff: the list query read from the URL, and each thread and thread line as
 * the views show it, in words staff understand (labels.ts) and in Beijing time.
 */
const errors_1 = require("../../errors");
const dates_1 = require("../../stats/dates");
const time_1 = require("../../time");
const labels_1 = require("./labels");
exports.INBOX_PER_PAGE = 20;
/** The filters, in the order of the tabs, with what staff read. */
exports.INBOX_FILTERS = [
    { id: "all", label: "全部", hint: "所有发过消息的关注者" },
    { id: "unanswered", label: "未回复", hint: "最后一条消息没有匹配关键词、不是青年之声提问，也还没有工作人员回复" },
    { id: "tickets", label: "青年之声", hint: "提过青年之声问题的关注者" },
    { id: "unmatched", label: "无匹配关键词", hint: "最后一条消息没有匹配任何关键词：可能值得新开一个栏目或关键词" },
];
const one = (v) => (Array.isArray(v) ? v[0] : v) ?? "";
/** ?q=&from=&to=&filter=&page= with defaults; a bad date gets a 400 that says why. */
function readInboxQuery(query) {
    const from = one(query["from"]).trim();
    const to = one(query["to"]).trim();
    for (const [name, v] of [["开始日期", from], ["结束日期", to]]) {
        if (v !== "" && !(0, dates_1.isDate)(v))
            throw new errors_1.RequestError("bad_range", `${name}应是 2026-11-01 这样的日期，不是 "${v.slice(0, 20)}"`, 400);
    }
    if (from && to && from > to)
        throw new errors_1.RequestError("bad_range", `开始日期 (${from}) 晚于结束日期 (${to})`, 400);
    const filter = exports.INBOX_FILTERS.find((f) => f.id === one(query["filter"]))?.id ?? "all";
    const page = Math.min(10_000, Math.max(1, Number.parseInt(one(query["page"]), 10) || 1));
    return { q: one(query["q"]).trim().slice(0, 100), from, to, filter, page };
}
/** The query's [from, to) in ms (Beijing days); open bounds when no date is given. */
function rangeOf(q, tz) {
    return {
        from: new Date(q.from ? (0, dates_1.dayStart)(q.from, tz) : 0),
        to: new Date(q.to ? (0, dates_1.dayStart)((0, dates_1.addDays)(q.to, 1), tz) : 8_640_000_000_000_000),
    };
}
/** The URL of the list with some of the query changed (and page 1 unless given). */
function inboxHref(q, change = {}) {
    const next = { ...q, page: 1, ...change };
    const params = new URLSearchParams();
    if (next.q)
        params.set("q", next.q);
    if (next.from)
        params.set("from", next.from);
    if (next.to)
        params.set("to", next.to);
    if (next.filter !== "all")
        params.set("filter", next.filter);
    if (next.page > 1)
        params.set("page", String(next.page));
    const s = params.toString();
    return `/dashboard/inbox${s ? `?${s}` : ""}`;
}
/** An openid as staff see it when there is no remark: enough to tell followers apart, not the whole id. */
function maskOpenId(openId) {
    return openId.length <= 10 ? openId : `${openId.slice(0, 4)}…${openId.slice(-4)}`;
}
const followerName = (f) => f.remark || maskOpenId(f.openId);
exports.followerName = followerName;
const clip = (s, n) => {
    const chars = [...s.replace(/\s+/g, " ").trim()];
    return chars.length <= n ? chars.join("") : chars.slice(0, n).join("") + "…";
};
/** What a youth's message was, in a line: its text, or [图片] / [语音] 识别的文字 / [位置] 名称. */
function messageGist(type, content, max = 60) {
    if (type === "text")
        return clip(content ?? "", max);
    const kind = `[${(0, labels_1.label)(labels_1.MSG_TYPE_LABELS, type)}]`;
    if (type === "image" || content === null || content === "")
        return kind;
    return `${kind} ${clip(content, max)}`;
}
function presentThreadRow(r, tz, now) {
    return {
        openId: r.openId,
        href: `/dashboard/inbox/${encodeURIComponent(r.openId)}`,
        name: (0, exports.followerName)(r),
        hasRemark: Boolean(r.remark),
        masked: maskOpenId(r.openId),
        at: (0, time_1.formatLocal)(new Date(r.lastAt), tz),
        gist: messageGist(r.lastType, r.lastContent),
        messages: r.messages,
        unanswered: r.unanswered,
        tickets: r.tickets,
        unmatched: r.lastMatchMode === "default",
        unsubscribed: r.subscribed === false,
        waiting: r.unanswered ? `已等 ${(0, labels_1.ageLabel)(now.getTime() - r.lastAt)}` : "",
    };
}
const EVENT_TEXT = {
    subscribe: () => "关注了公众号",
    unsubscribe: () => "取消了关注",
    scan: () => "扫描了二维码",
    click: (c) => `点击了菜单${c ? `（${c}）` : ""}`,
    view: () => "点击了菜单链接",
    location_report: () => "上报了位置",
};
/** What the bot answered, as text. */
function replyGist(r) {
    switch (r.type) {
        case "text":
            return r.content.replace(/<a [^>]*>([^<]*)<\/a>/g, "$1");
        case "news":
            return r.articles.map((a) => `📰 ${a.title}`).join("\n");
        case "image":
            return "[图片]";
        case "voice":
            return "[语音]";
        case "video":
            return `[视频] ${r.title ?? ""}`.trim();
        case "music":
            return `[音乐] ${r.title ?? ""}`.trim();
        case "transfer_customer_service":
            return "[转人工客服]";
    }
}
const safeUrl = (u) => (u && /^https?:\/\//i.test(u) ? u : undefined);
function staffLine(r, tz) {
    const b = r.body;
    const text = b.kind === "text" ? b.content : b.kind === "image" ? "[图片]" : `📰 ${b.title}`;
    const delivery = (0, labels_1.label)(labels_1.STAFF_REPLY_DELIVERY_LABELS, r.delivery);
    const note = r.delivery === "held"
        ? (r.heldReason ?? "等青年下次发消息时送达")
        : r.delivery === "delivered_passive"
            ? `青年 ${r.deliveredAt ? (0, time_1.formatLocal)(r.deliveredAt, tz) : ""} 发来消息时，随自动回复一起送达`
            : r.delivery === "uncertain"
                ? (r.heldReason ?? "发送时连接中断，青年可能已收到")
                : "";
    return { kind: "staff", at: (0, time_1.formatLocal)(r.createdAt, tz), id: r.id, text, link: b.kind === "article" ? safeUrl(b.url) : undefined, by: r.createdBy, delivery, state: r.delivery, note };
}
/** A thread's items, oldest first, as lines: each youth message followed by the bot's answer. */
function presentThreadItems(items, tz) {
    const lines = [];
    for (const item of items) {
        const at = (0, time_1.formatLocal)(item.at, tz);
        if (item.kind === "ticket") {
            lines.push({ kind: "ticket", at, id: item.ticket.id, question: item.ticket.question, state: (0, labels_1.label)(labels_1.TICKET_STATE_LABELS, item.ticket.state) });
        }
        else if (item.kind === "staff") {
            lines.push(staffLine(item.reply, tz));
        }
        else {
            const m = item.message;
            const event = EVENT_TEXT[m.msgType];
            if (event)
                lines.push({ kind: "event", at, text: event(m.msgType === "click" ? m.content : null) });
            else
                lines.push({
                    kind: "youth",
                    at,
                    type: (0, labels_1.label)(labels_1.MSG_TYPE_LABELS, m.msgType),
                    text: m.msgType === "text" ? (m.content ?? "") : messageGist(m.msgType, m.content, 200),
                    link: m.msgType === "image" || m.msgType === "link" ? safeUrl(m.msgType === "image" ? m.content : m.content?.split(" ").pop()) : undefined,
                    unmatched: m.matchMode === "default",
                });
            const rule = [(0, labels_1.ruleLabel)(m.ruleId), m.matchMode === "default" ? "" : (0, labels_1.matchModeLabel)(m.matchMode)].filter(Boolean);
            if (item.botReply)
                lines.push({ kind: "bot", at, text: replyGist(item.botReply), rule: [...new Set(rule)].join(" · ") });
        }
    }
    return lines;
}
//# sourceMappingURL=present-inbox.js.map