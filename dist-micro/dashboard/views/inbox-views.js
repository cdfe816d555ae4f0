"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.IMAGE_LIMIT_NOTE = exports.TEXT_LIMIT_NOTE = void 0;
exports.inboxListPage = inboxListPage;
exports.threadPage = threadPage;
/**
 * 私信 (the inbox) on the dashboard: followers as threads (a table on a desk, cards on a phone),
 * and one thread with the reply forms (text, picture, article) and the 备注. Every form posts the
 * session's CSRF token; every text a follower or staff wrote is escaped by `html`.
 */
const bot_content_1 = require("../../bot/bot-content");
const inbox_service_1 = require("../../inbox/inbox-service");
const reply_window_1 = require("../../inbox/reply-window");
const time_1 = require("../../time");
const user_1 = require("../../wechat/endpoints/user");
const present_inbox_1 = require("../presenters/present-inbox");
const html_1 = require("./html");
exports.TEXT_LIMIT_NOTE = `最多 ${bot_content_1.MAX_TEXT_REPLY_BYTES} 字节（约 ${Math.floor(bot_content_1.MAX_TEXT_REPLY_BYTES / 3)} 个汉字）`;
exports.IMAGE_LIMIT_NOTE = `jpg、png 或 gif，最大 ${inbox_service_1.MAX_IMAGE_BYTES / 1048576} MB`;
function badges(c) {
    return (0, html_1.html) `${c.unanswered ? (0, html_1.html) `<span class="tag warn" data-badge="unanswered">未回复</span>` : ""}${c.tickets > 0 ? (0, html_1.html) `<span class="tag qa" data-badge="tickets">青年之声 ${c.tickets}</span>` : ""}${c.unmatched ? (0, html_1.html) `<span class="tag" data-badge="unmatched">无匹配关键词</span>` : ""}${c.unsubscribed ? (0, html_1.html) `<span class="tag muted">已取消关注</span>` : ""}`;
}
function pager(o) {
    const pages = Math.max(1, Math.ceil(o.total / o.perPage));
    if (pages <= 1)
        return (0, html_1.html) ``;
    const p = o.query.page;
    return (0, html_1.html) `<nav class="pager" aria-label="翻页">
${p > 1 ? (0, html_1.html) `<a href="${(0, present_inbox_1.inboxHref)(o.query, { page: p - 1 })}" rel="prev">‹ 上一页</a>` : (0, html_1.html) `<span class="empty">‹ 上一页</span>`}
<span>第 ${p} / ${pages} 页</span>
${p < pages ? (0, html_1.html) `<a href="${(0, present_inbox_1.inboxHref)(o.query, { page: p + 1 })}" rel="next">下一页 ›</a>` : (0, html_1.html) `<span class="empty">下一页 ›</span>`}
</nav>`;
}
/** GET /dashboard/inbox: search, filters, the threads newest first, pages of 20. */
function inboxListPage(o) {
    const q = o.query;
    const searching = Boolean(q.q || q.from || q.to);
    const rows = o.cards.map((c) => (0, html_1.html) `<tr data-thread="${c.openId}"${c.unanswered ? (0, html_1.html) ` class="unanswered"` : ""}>
<td class="who" data-label="关注者"><a href="${c.href}">${c.name}</a>${c.hasRemark ? (0, html_1.html) ` <small class="empty">${c.masked}</small>` : ""}</td>
<td class="last" data-label="最后一条"><a href="${c.href}" class="gist">${c.gist}</a><div class="tags">${badges(c)}${c.waiting ? (0, html_1.html) `<small class="empty">${c.waiting}</small>` : ""}</div></td>
<td class="when" data-label="时间"><time>${c.at}</time></td>
<td class="num" data-label="消息数">${c.messages}</td>
</tr>`);
    return (0, html_1.html) `<h1>私信 <small class="empty">关注者发来的消息 · 北京时间</small></h1>
${o.unanswered.count > 0
        ? (0, html_1.html) `<p class="notice warn" role="status" data-unanswered>有 ${o.unanswered.count} 位关注者在等回复（近 7 天），最久的已等 ${o.unanswered.oldest}。<a href="${(0, present_inbox_1.inboxHref)(q, { filter: "unanswered" })}">只看未回复</a></p>`
        : (0, html_1.html) `<p class="notice info" role="status" data-unanswered>近 7 天没有等待回复的消息。</p>`}
<form class="range inbox-search" method="get" action="/dashboard/inbox">
<label class="grow">搜索（消息内容、备注或 OpenID）<input type="search" name="q" value="${q.q}" maxlength="100" placeholder="例如：招聘、张同学"></label>
<label>开始<input type="date" name="from" value="${q.from}" max="${o.today}"></label>
<label>结束<input type="date" name="to" value="${q.to}" max="${o.today}"></label>
${q.filter !== "all" ? (0, html_1.html) `<input type="hidden" name="filter" value="${q.filter}">` : ""}
<button class="primary" type="submit">搜索</button>
${searching ? (0, html_1.html) `<a href="${(0, present_inbox_1.inboxHref)({ ...q, q: "", from: "", to: "" })}">清除</a>` : ""}
</form>
<nav class="tabs" aria-label="筛选">${present_inbox_1.INBOX_FILTERS.map((f) => (0, html_1.html) `<a href="${(0, present_inbox_1.inboxHref)(q, { filter: f.id })}" title="${f.hint}"${f.id === q.filter ? (0, html_1.html) ` aria-current="true"` : ""} data-filter="${f.id}">${f.label}</a>`)}</nav>
<section class="card" id="inbox-threads">
<div class="table-head"><h3>${present_inbox_1.INBOX_FILTERS.find((f) => f.id === q.filter)?.label ?? "全部"}（最新的在前）</h3><span class="empty">${o.total} 位关注者</span></div>
${o.cards.length === 0
        ? (0, html_1.html) `<p class="empty">${searching ? "没有找到符合条件的消息。" : q.filter === "unanswered" ? "没有等待回复的消息。" : "还没有关注者发来消息。"}</p>`
        : (0, html_1.html) `<table class="threads">
<thead><tr><th scope="col">关注者</th><th scope="col">最后一条消息</th><th scope="col">时间</th><th scope="col" class="num">消息数</th></tr></thead>
<tbody>${rows}</tbody>
</table>`}
${pager(o)}
</section>`;
}
function line(l) {
    switch (l.kind) {
        case "event":
            return (0, html_1.html) `<li class="line event"><span>${l.text}</span> <time>${l.at}</time></li>`;
        case "ticket":
            return (0, html_1.html) `<li class="line event ticket" data-line="ticket"><span>青年之声问题 <a href="/dashboard/qa/${l.id}">#${l.id}</a>（${l.state}）：${l.question}</span> <time>${l.at}</time></li>`;
        case "youth":
            return (0, html_1.html) `<li class="line in" data-line="youth"><div class="meta"><span>青年</span>${l.type !== "文字" ? (0, html_1.html) ` · ${l.type}` : ""}${l.unmatched ? (0, html_1.html) ` · <span class="tag">无匹配关键词</span>` : ""} <time>${l.at}</time></div><div class="bubble youth-msg">${l.text}${l.link ? (0, html_1.html) ` <a href="${l.link}" target="_blank" rel="noopener noreferrer">查看</a>` : ""}</div></li>`;
        case "bot":
            return (0, html_1.html) `<li class="line out bot" data-line="bot"><div class="meta"><span>自动回复</span>${l.rule ? (0, html_1.html) ` · ${l.rule}` : ""}</div><div class="bubble bot-msg">${l.text}</div></li>`;
        case "staff":
            return (0, html_1.html) `<li class="line out staff" data-line="staff" data-reply="${l.id}" data-state="${l.state}"><div class="meta"><span>${l.by}</span> · <span class="tag ${l.state === "sent" || l.state === "delivered_passive" ? "ok" : l.state === "held" ? "warn" : l.state === "uncertain" ? "bad" : ""}">${l.delivery}</span> <time>${l.at}</time></div><div class="bubble staff-msg">${l.text}${l.link ? (0, html_1.html) ` <a href="${l.link}" target="_blank" rel="noopener noreferrer">打开文章</a>` : ""}</div>${l.note ? (0, html_1.html) `<div class="meta note">${l.note}</div>` : ""}</li>`;
    }
}
function windowNote(o) {
    const w = o.window;
    const tz = o.timezone;
    if (w.open && o.verified) {
        const by = w.openedBy === "event" ? "青年关注、点菜单或扫码后 1 分钟内最多 3 条" : "青年发消息后 48 小时内最多 5 条";
        return {
            open: true,
            text: (0, html_1.html) `<strong>可以直接回复：</strong>还剩 <span data-window>${(0, reply_window_1.formatWindowLeft)(w)}</span>（到 ${w.closesAt ? (0, time_1.formatLocal)(w.closesAt, tz) : ""}，${by}）。回复会立即发到青年的微信。`,
        };
    }
    const why = !o.verified
        ? "公众号未认证，微信不允许发客服消息。"
        : w.reason === "used_up"
            ? `本次可发的客服消息已用完（${w.openedBy === "event" ? "关注、点菜单或扫码后 1 分钟内最多 3 条" : "青年发消息后 48 小时内最多 5 条"}）。`
            : w.reason === "never_opened"
                ? "青年还没有给公众号发过消息。"
                : `距青年最后一条消息已超过 48 小时${w.closesAt ? `（${(0, time_1.formatLocal)(w.closesAt, tz)} 关闭）` : ""}。`;
    return {
        open: false,
        text: (0, html_1.html) `<strong>现在不能直接发到青年的微信：</strong>${why}文字和文章可以照常发送，会先保存为“待送达”，青年下次给公众号发消息时随自动回复一起送达；图片不能这样留存，请等青年发消息后再发图片。`,
    };
}
/** GET /dashboard/inbox/:openId: the thread, the window, the reply forms, the 备注. */
function threadPage(o) {
    const f = o.follower;
    const base = `/dashboard/inbox/${encodeURIComponent(f.openId)}`;
    const tz = o.timezone;
    const win = windowNote(o);
    const csrf = (0, html_1.html) `<input type="hidden" name="_csrf" value="${o.csrfToken}">`;
    return (0, html_1.html) `<p class="back"><a href="/dashboard/inbox">← 私信</a> <a class="jump" href="#inbox-reply">回复 ↓</a></p>
<h1 class="thread-title">${(0, present_inbox_1.followerName)(f)} ${f.remark ? (0, html_1.html) `<small class="empty">${(0, present_inbox_1.maskOpenId)(f.openId)}</small>` : ""}${f.subscribed === false ? (0, html_1.html) ` <span class="tag muted">已取消关注</span>` : ""}</h1>
${o.notice ? (0, html_1.html) `<p class="notice ${o.notice.level}" role="${o.notice.level === "warn" ? "alert" : "status"}" data-inbox-notice>${o.notice.text}</p>` : ""}
${o.error ? (0, html_1.html) `<p class="notice warn" role="alert" data-inbox-error>${o.error}</p>` : ""}
<div class="thread-grid">
<section class="card thread" aria-label="消息记录">
<h3>消息记录 <small class="empty">北京时间，最早的在上</small></h3>
${o.lines.length === 0 ? (0, html_1.html) `<p class="empty">还没有消息。</p>` : (0, html_1.html) `<ol class="timeline">${o.lines.map(line)}</ol>`}
</section>
<aside class="thread-side">
<section class="card" id="inbox-reply">
<h3>回复</h3>
<p class="notice ${win.open ? "info" : "warn"}" data-window-state="${win.open ? "open" : "closed"}">${win.text}</p>
<form class="inbox-reply" method="post" action="${base}/reply">
${csrf}<input type="hidden" name="kind" value="text">
<label for="reply-text">文字 <small class="empty">${exports.TEXT_LIMIT_NOTE}</small></label>
<textarea id="reply-text" name="content" required rows="5" placeholder="写给青年的话……">${o.draft ?? ""}</textarea>
<button class="primary" type="submit">${win.open ? "发送" : "保存，待青年下次发消息时送达"}</button>
</form>
<details>
<summary>发送图片</summary>
<form class="inbox-reply" method="post" action="${base}/reply" enctype="multipart/form-data">
${csrf}<input type="hidden" name="kind" value="image">
<label for="reply-image">图片 <small class="empty">${exports.IMAGE_LIMIT_NOTE}</small></label>
<input id="reply-image" type="file" name="image" accept="image/jpeg,image/png,image/gif" required>
${win.open ? "" : (0, html_1.html) `<p class="empty">客服消息窗口未开放，现在发图片会被拒绝。</p>`}
<button class="primary" type="submit"${win.open ? "" : (0, html_1.html) ` disabled`}>发送图片</button>
</form>
</details>
<details>
<summary>发送文章</summary>
${o.articles.length === 0
        ? (0, html_1.html) `<p class="empty">本公众号还没有已发布的文章。</p>`
        : (0, html_1.html) `<form class="inbox-reply" method="post" action="${base}/reply">
${csrf}<input type="hidden" name="kind" value="article">
<label for="reply-article">本公众号已发布的文章</label>
<select id="reply-article" name="url" required><option value="">请选择……</option>${o.articles.map((g) => (0, html_1.html) `<optgroup label="${g.column}">${g.items.map((a) => (0, html_1.html) `<option value="${a.url}">${a.date} ${a.title}</option>`)}</optgroup>`)}</select>
<button class="primary" type="submit">${win.open ? "发送文章" : "保存，待青年下次发消息时送达"}</button>
</form>`}
</details>
</section>
<section class="card" id="inbox-remark">
<h3>备注</h3>
<p class="empty">微信不再提供关注者的昵称；给这位关注者写个备注（如姓名、学校），方便同事认出。</p>
<form class="inbox-reply" method="post" action="${base}/remark">
${csrf}
<label for="remark">备注 <small class="empty">少于 ${user_1.MAX_REMARK_BYTES} 字节（约 ${Math.floor((user_1.MAX_REMARK_BYTES - 1) / 3)} 个汉字）</small></label>
<input id="remark" type="text" name="remark" value="${o.remarkDraft ?? f.remark ?? ""}" maxlength="29">
<button type="submit">保存备注</button>
</form>
${f.remarkUpdatedAt ? (0, html_1.html) `<p class="empty" data-remark-audit>${f.remarkUpdatedBy ?? ""} 于 ${(0, time_1.formatLocal)(new Date(f.remarkUpdatedAt), tz)} 修改</p>` : ""}
</section>
<section class="card">
<dl class="qa-facts">
<dt>首次互动</dt><dd>${(0, time_1.formatLocal)(new Date(f.firstSeenAt), tz)}</dd>
<dt>最后消息</dt><dd>${f.lastMessageAt ? (0, time_1.formatLocal)(new Date(f.lastMessageAt), tz) : "—"}</dd>
<dt>关注</dt><dd>${f.subscribed === false ? "已取消关注" : f.subscribed ? "关注中" : "—"}</dd>
</dl>
</section>
</aside>
</div>`;
}
//# sourceMappingURL=inbox-views.js.map