"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.loginPage = loginPage;
const html_1 = require("./html");
/** 登录: name and password; the only dashboard page open to everyone. */
function loginPage(view) {
    return (0, html_1.html) `<div class="login card">
<h1>工作人员登录</h1>
${view.error ? (0, html_1.html) `<p class="error" role="alert">${view.error}</p>` : ""}
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
//# sourceMappingURL=login-page.js.map