"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.layout = layout;
const pages_1 = require("../presenters/pages");
const html_1 = require("./html");
/** 私信 in the nav, with the followers waiting for a reply: "私信 3 · 最久 2小时". */
function inboxLink(staff) {
    const waiting = staff.inbox && staff.inbox.count > 0 ? staff.inbox : undefined;
    return (0, html_1.html) `<a href="/dashboard/inbox${waiting ? "?filter=unanswered" : ""}"${staff.active === "inbox" ? (0, html_1.html) ` aria-current="page"` : ""} data-nav="inbox"${waiting ? (0, html_1.html) ` title="${waiting.count} 位关注者等待回复，最久的已等 ${waiting.oldest}"` : ""}>私信${waiting ? (0, html_1.html) ` <span class="nav-count" data-unanswered-count="${waiting.count}">${waiting.count} · 最久 ${waiting.oldest}</span>` : ""}</a>`;
}
/** The page shell: viewport meta, one stylesheet, the red header with the nav; no inline script. */
function layout(options, body) {
    const staff = options.staff;
    const nav = staff
        ? (0, html_1.html) `<nav aria-label="主导航">${pages_1.PAGES.map((p) => (0, html_1.html) `<a href="/dashboard${p.path ? `/${p.path}` : ""}${p.param === "range" && staff.query ? `?${staff.query}` : ""}"${p.id === staff.active ? (0, html_1.html) ` aria-current="page"` : ""}>${p.nav}</a>${p.id === "messages" ? inboxLink(staff) : ""}`)}<a href="/dashboard/comments"${staff.active === "comments" ? (0, html_1.html) ` aria-current="page"` : ""}>留言</a></nav>
      <div class="who">${staff.sandbox ? (0, html_1.html) `<span class="badge" title="未配置微信凭据，使用内置模拟器">沙盒</span>` : ""}
        <span>${staff.name}</span>
        <form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${staff.csrfToken}"><button type="submit">退出</button></form>
      </div>`
        : "";
    return (0, html_1.html) `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${options.title} · ${options.accountName} 后台</title>
<link rel="stylesheet" href="${options.assets.css}">
</head>
<body>
<header class="top"><a class="brand" href="/dashboard">${options.accountName} · 后台</a>${nav}</header>
<main>
${body}
</main>
${options.charts ? (0, html_1.html) `<script src="${options.assets.chart}"></script><script src="${options.assets.script}"></script>` : ""}
</body>
</html>
`;
}
//# sourceMappingURL=layout.js.map