import { html, type SafeHtml } from "./html";

export interface LoginView {
  /** The login form's own anti-CSRF nonce (double-submit cookie: the form is posted before any session). */
  nonce: string;
  next: string;
  name?: string;
  error?: string;
}

/** 登录: name and password; the only dashboard page open to everyone. */
export function loginPage(view: LoginView): SafeHtml {
  return html`<div class="login card">
<h1>工作人员登录</h1>
${view.error ? html`<p class="error" role="alert">${view.error}</p>` : ""}
<form method="post" action="/dashboard/login">
<input type="hidden" name="_csrf" value="${view.nonce}">
<input type="hidden" name="next" value="${view.next}">
<label>用户名<input type="text" name="name" value="${view.name ?? ""}" autocomplete="username" required autofocus></label>
<label>密码<input type="password" name="password" autocomplete="current-password" required></label>
<button class="primary" type="submit">登录</button>
</form>
<p class="empty">账号由管理员在服务器上创建：npm run cli -- user add 姓名</p>
</div>`;
}
