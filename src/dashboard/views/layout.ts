import { PAGES, type NavId } from "../presenters/pages";
import { html, type SafeHtml } from "./html";

/** Asset URLs carry a version so the long cache (immutable) never serves a stale file after an upgrade. */
export interface AssetUrls {
  css: string;
  chart: string;
  script: string;
}

export interface LayoutOptions {
  title: string;
  accountName: string;
  assets: AssetUrls;
  /** Signed in: the nav, the staff name and the logout button. */
  staff?: {
    name: string;
    csrfToken: string;
    active?: NavId;
    query?: string;
    sandbox: boolean;
    inbox?: { count: number; oldest: string };
    /** The entries this user may open (their roles); absent: all but 人员. A link that only leads to 403 is noise. */
    nav?: ReadonlySet<NavId>;
    /** The accounts this user may view, when more than one (the matrix's account switcher). */
    accounts?: ReadonlyArray<{ id: string; name: string; current: boolean }>;
  };
  /** Pages with charts load chart.js and the dashboard script. */
  charts?: boolean;
}

/** 私信 in the nav, with the followers waiting for a reply: "私信 3 · 最久 2小时". */
function inboxLink(staff: NonNullable<LayoutOptions["staff"]>): SafeHtml {
  const waiting = staff.inbox && staff.inbox.count > 0 ? staff.inbox : undefined;
  return html`<a href="/dashboard/inbox${waiting ? "?filter=unanswered" : ""}"${staff.active === "inbox" ? html` aria-current="page"` : ""} data-nav="inbox"${
    waiting ? html` title="${waiting.count} 位关注者等待回复，最久的已等 ${waiting.oldest}"` : ""
  }>私信${waiting ? html` <span class="nav-count" data-unanswered-count="${waiting.count}">${waiting.count} · 最久 ${waiting.oldest}</span>` : ""}</a>`;
}

/** 切换账号: a plain list of links (no script), each to that account's overview. */
function accountSwitcher(accounts: NonNullable<NonNullable<LayoutOptions["staff"]>["accounts"]>): SafeHtml {
  return html`<details class="switcher"><summary>切换账号</summary><ul>${accounts.map(
    (a) => html`<li><a href="/dashboard?account=${encodeURIComponent(a.id)}"${a.current ? html` aria-current="true"` : ""} data-account="${a.id}">${a.name}</a></li>`,
  )}</ul></details>`;
}

/** The page shell: viewport meta, one stylesheet, the red header with the nav; no inline script. */
export function layout(options: LayoutOptions, body: SafeHtml): SafeHtml {
  const staff = options.staff;
  const shows = (id: NavId) => (staff?.nav ? staff.nav.has(id) : id !== "staff");
  const link = (id: NavId, path: string, label: string) =>
    shows(id) ? html`<a href="/dashboard/${path}" data-nav="${id}"${staff?.active === id ? html` aria-current="page"` : ""}>${label}</a>` : "";
  const nav = staff
    ? html`<nav aria-label="主导航">${PAGES.filter((p) => shows(p.id)).map(
        (p) =>
          html`<a href="/dashboard${p.path ? `/${p.path}` : ""}${p.param === "range" && staff.query ? `?${staff.query}` : ""}"${
            p.id === staff.active ? html` aria-current="page"` : ""
          }>${p.nav}</a>${p.id === "messages" && shows("inbox") ? inboxLink(staff) : ""}${p.id === "articles" ? link("drafts", "drafts", "稿件") : ""}`,
      )}${link("comments", "comments", "留言")}${link("matrix", "matrix", "矩阵")}${link("township-report", "township-report", "附件3")}${link("staff", "staff", "人员")}</nav>
      <div class="who">${staff.sandbox ? html`<span class="badge" title="未配置微信凭据，使用内置模拟器">沙盒</span>` : ""}
        <span>${staff.name}</span>${shows("phone") ? html`<a class="who-phone" href="/dashboard/phone"${staff.active === "phone" ? html` aria-current="page"` : ""}>我的手机</a>` : ""}
        <form method="post" action="/dashboard/logout"><input type="hidden" name="_csrf" value="${staff.csrfToken}"><button type="submit">退出</button></form>
      </div>`
    : "";
  return html`<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="icon" href="data:,">
<title>${options.title} · ${options.accountName} 后台</title>
<link rel="stylesheet" href="${options.assets.css}">
</head>
<body>
<header class="top"><a class="brand" href="/dashboard">${options.accountName} · 后台</a>${staff?.accounts ? accountSwitcher(staff.accounts) : ""}${nav}</header>
<main>
${body}
</main>
${options.charts ? html`<script src="${options.assets.chart}"></script><script src="${options.assets.script}"></script>` : ""}
</body>
</html>
`;
}
