"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.commentSection = commentSection;
exports.commentsPage = commentsPage;
exports.commentArticlePage = commentArticlePage;
const logger_1 = require("../../logger");
const time_1 = require("../../time");
const comment_1 = require("../../wechat/endpoints/comment");
const comment_notes_1 = require("../presenters/comment-notes");
const html_1 = require("./html");
function actionForm(c, article, comment, action, label, withText = false) {
    return (0, html_1.html) `<form method="post" action="/dashboard/comments/${article.slug}/${comment.id}/${action}">
<input type="hidden" name="_csrf" value="${c.csrfToken}"><input type="hidden" name="back" value="${c.back}">${withText ? (0, html_1.html) `<input type="hidden" name="text" value="${comment.content}">` : ""}<button type="submit">${label}</button></form>`;
}
function commentItem(c, article, m) {
    return (0, html_1.html) `<li data-comment="${m.id}">
<div class="comment-meta"><span>#${m.id}</span><span>${(0, time_1.formatLocal)(m.createdAt, c.timezone)}</span><span title="OpenID 不显示，仅显示其摘要">${m.openId ? (0, logger_1.hashOpenId)(m.openId) : "非微信身份"}</span>${m.elected ? (0, html_1.html) `<span class="elected">精选</span>` : ""}${m.reply ? "" : (0, html_1.html) `<span>待回复</span>`}</div>
<p class="qa-text" data-comment-text>${m.content}</p>
${m.reply
        ? (0, html_1.html) `<div class="comment-reply"><div class="comment-meta"><span>公众号回复</span><span>${(0, time_1.formatLocal)(m.reply.createdAt, c.timezone)}</span></div><p class="qa-text" data-reply-text>${m.reply.content}</p></div>`
        : ""}
<div class="actions">
${m.elected ? actionForm(c, article, m, "unelect", "取消精选") : actionForm(c, article, m, "elect", "精选")}
${m.reply ? actionForm(c, article, m, "delete-reply", "删除回复") : ""}
${actionForm(c, article, m, "delete", "删除留言", true)}
${m.reply
        ? ""
        : (0, html_1.html) `<form class="reply" method="post" action="/dashboard/comments/${article.slug}/${m.id}/reply">
<input type="hidden" name="_csrf" value="${c.csrfToken}"><input type="hidden" name="back" value="${c.back}">
<textarea name="text" required maxlength="${comment_1.COMMENT_REPLY_MAX_CHARS}" aria-label="回复 #${m.id}" placeholder="回复这条留言（读者可见，最多${comment_1.COMMENT_REPLY_MAX_CHARS}字）"></textarea>
<button class="primary" type="submit">回复</button></form>`}
</div>
</li>`;
}
/** One article and its comments (or why they cannot be shown). */
function commentSection(c, s) {
    const a = s.article;
    const read = s.read;
    const shown = read?.ok ? (s.limit === undefined ? read.comments : read.comments.slice(0, s.limit)) : [];
    const detail = `/dashboard/comments/${a.slug}`;
    return (0, html_1.html) `<section class="card" data-article="${a.slug}">
<div class="table-head"><h3><a href="${detail}">${a.title}</a></h3><span class="empty">${s.columnName} · ${(0, time_1.formatLocal)(a.publishedAt, c.timezone)}${a.articleUrl ? (0, html_1.html) ` · <a href="${a.articleUrl}" rel="noopener noreferrer" target="_blank">原文</a>` : ""}</span></div>
${read === undefined
        ? (0, html_1.html) `<p class="empty">未读取。</p>`
        : !read.ok
            ? (0, html_1.html) `<p class="notice warn" role="alert" data-comments-refused="${read.refusal}">${comment_notes_1.REFUSAL_NOTES[read.refusal]}</p>`
            : read.total === 0
                ? (0, html_1.html) `<p class="empty">还没有留言。</p>`
                : (0, html_1.html) `<p class="empty">共 ${read.total} 条留言，最新的在前。</p>
<ol class="comments">${shown.map((m) => commentItem(c, a, m))}</ol>
${shown.length < read.comments.length ? (0, html_1.html) `<p><a href="${detail}">查看全部 ${read.total} 条留言</a></p>` : ""}`}
${c.sandbox && (read === undefined || read.ok)
        ? (0, html_1.html) `<details><summary>沙盒：模拟一条青年留言</summary><form class="reply" method="post" action="${detail}/simulate">
<input type="hidden" name="_csrf" value="${c.csrfToken}"><input type="hidden" name="back" value="${c.back}">
<textarea name="text" required maxlength="600" aria-label="模拟留言内容" placeholder="以青年的身份写一条留言"></textarea>
<button type="submit">添加留言</button></form></details>`
        : ""}
</section>`;
}
/** /dashboard/comments: the newest published articles with their comments. */
function commentsPage(c, o) {
    return (0, html_1.html) `<h1>留言 <small class="empty">已发布的文章，最新的在前；每篇的留言也是最新的在前</small></h1>
${o.note ? (0, html_1.html) `<p class="notice ${o.note.level}" role="${o.note.level === "warn" ? "alert" : "status"}" data-comments-note>${o.note.text}</p>` : ""}
${o.refused ? (0, html_1.html) `<p class="notice warn" role="alert" data-comments-permission>${o.refused}</p>` : ""}
${o.sections.length === 0 ? (0, html_1.html) `<p class="empty">还没有已发布的文章。文章发布（群发或发布）成功后会出现在这里。</p>` : o.sections.map((s) => commentSection(c, s))}
${o.pages > 1
        ? (0, html_1.html) `<nav class="quick" aria-label="翻页">${o.page > 1 ? (0, html_1.html) `<a href="/dashboard/comments?page=${o.page - 1}">← 较新的文章</a>` : ""}<span class="empty">第 ${o.page} / ${o.pages} 页</span>${o.page < o.pages ? (0, html_1.html) `<a href="/dashboard/comments?page=${o.page + 1}">较早的文章 →</a>` : ""}</nav>`
        : ""}`;
}
/** /dashboard/comments/:slug: one article, all its comments, and what staff did to them. */
function commentArticlePage(c, section, history, note) {
    return (0, html_1.html) `<p><a href="/dashboard/comments">← 留言</a></p>
<h1>${section.article.title}</h1>
${note ? (0, html_1.html) `<p class="notice ${note.level}" role="${note.level === "warn" ? "alert" : "status"}" data-comments-note>${note.text}</p>` : ""}
${commentSection(c, section)}
<section class="card" id="comment-history">
<h3>操作记录</h3>
${history.length === 0
        ? (0, html_1.html) `<p class="empty">还没有操作。</p>`
        : (0, html_1.html) `<div class="scroll"><table>
<thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">操作</th><th scope="col">留言</th><th scope="col">结果</th><th scope="col">内容</th></tr></thead>
<tbody>${history.map((h) => (0, html_1.html) `<tr data-action="${h.action}">
<td>${(0, time_1.formatLocal)(h.at, c.timezone, "YYYY-MM-DD HH:mm:ss")}</td>
<td>${h.staffName}</td>
<td>${comment_notes_1.ACTION_LABELS[h.action] ?? h.action}</td>
<td>${h.userCommentId === null ? "" : `#${h.userCommentId}`}</td>
<td>${(0, comment_notes_1.outcomeLabel)(h.outcome)}</td>
<td class="qa-text">${h.detail ?? ""}</td>
</tr>`)}</tbody>
</table></div>`}
</section>`;
}
//# sourceMappingURL=comment-views.js.map