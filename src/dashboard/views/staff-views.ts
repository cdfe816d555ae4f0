import { ROLES, ALL_ACCOUNTS, type Role } from "../../db/stores/staff-role-store";
import { ROLE_LABELS } from "../../staff/role-labels";
import { html, type SafeHtml } from "./html";

export interface StaffPageView {
  csrfToken: string;
  /** Every user, with their grants (account shown by name). */
  users: Array<{ name: string; lastLogin: string; grants: Array<{ role: Role; accountId: string; account: string }> }>;
  /** The accounts a grant may name: `*` first, then accounts.yml's. */
  accounts: Array<{ id: string; label: string }>;
  notice?: { level: "info" | "warn"; text: string } | undefined;
}

const ROLE_HELP = "管理员：全部账号、人员和附件3 锁定（请选“全部账号”）；编辑：该账号的稿件、发布、私信、青年之声、留言和本乡镇的附件3 数字；只读：只能查看数字和下载表格。";

/** 人员 (county admins only): who may do what on which account; add and remove grants. */
export function staffPage(v: StaffPageView): SafeHtml {
  const csrf = html`<input type="hidden" name="_csrf" value="${v.csrfToken}">`;
  return html`<h1>人员与权限</h1>
${v.notice ? html`<p class="notice ${v.notice.level}" role="status" data-notice>${v.notice.text}</p>` : ""}
<p class="empty">${ROLE_HELP} 新建登录账号请在服务器上运行 <code>npm run cli -- user add 登录名 --role editor --account 账号ID</code>。</p>
<section class="card">
<h2>现有人员</h2>
<table data-staff-table>
<thead><tr><th>登录名</th><th>上次登录</th><th>权限</th></tr></thead>
<tbody>${v.users.map(
    (u) => html`<tr data-user="${u.name}"><td>${u.name}</td><td>${u.lastLogin}</td><td>${
      u.grants.length === 0
        ? html`<span class="empty">没有任何权限（登录后什么也看不到）</span>`
        : u.grants.map(
            (g) => html`<form method="post" action="/dashboard/staff/revoke" class="inline" data-grant="${g.role}@${g.accountId}">${csrf}
<input type="hidden" name="user" value="${u.name}"><input type="hidden" name="role" value="${g.role}"><input type="hidden" name="account" value="${g.accountId}">
${g.account} · ${ROLE_LABELS[g.role]} <button type="submit" title="移除这项权限">移除</button></form>`,
          )
    }</td></tr>`,
  )}</tbody>
</table>
</section>
<section class="card">
<h2>添加权限</h2>
<form method="post" action="/dashboard/staff/grant" data-grant-form>${csrf}
<label>登录名 <select name="user">${v.users.map((u) => html`<option value="${u.name}">${u.name}</option>`)}</select></label>
<label>角色 <select name="role">${ROLES.map((r) => html`<option value="${r}">${ROLE_LABELS[r]}</option>`)}</select></label>
<label>账号 <select name="account">${v.accounts.map((a) => html`<option value="${a.id}"${a.id === ALL_ACCOUNTS ? html` selected` : ""}>${a.label}</option>`)}</select></label>
<button class="primary" type="submit">添加</button>
</form>
</section>`;
}
