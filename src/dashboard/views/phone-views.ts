import { html, type SafeHtml } from "./html";

export interface PhoneView {
  accountName: string;
  csrfToken: string;
  /** The bound phone, as staff may see it: masked openid, 备注, when. */
  phone?: { masked: string; remark: string | null; boundAt: string } | undefined;
  /** A code just made: shown once, on this response only. */
  code?: { code: string; until: string } | undefined;
  /** An earlier code still live (its digits are not stored, so not shown again). */
  pendingUntil?: string | undefined;
  notice?: { level: "info" | "warn"; text: string } | undefined;
}

/** 我的手机: bind the phone this staff member previews on, see it, unbind it. */
export function phonePage(v: PhoneView): SafeHtml {
  const csrf = html`<input type="hidden" name="_csrf" value="${v.csrfToken}">`;
  return html`<h1>我的手机</h1>
${v.notice ? html`<p class="notice ${v.notice.level}" role="status" data-notice>${v.notice.text}</p>` : ""}
<section class="card" id="phone-bound">
<h2>已绑定的手机</h2>
${
  v.phone
    ? html`<p data-bound-phone>微信 <code>${v.phone.masked}</code>${v.phone.remark ? html`（备注：${v.phone.remark}）` : ""}，绑定于 ${v.phone.boundAt}。</p>
<p>“发送预览到我的手机”会发到这个微信。</p>
<form method="post" action="/dashboard/phone/unbind">${csrf}<button type="submit" data-unbind>解除绑定</button></form>`
    : html`<p data-no-phone>还没有绑定手机。绑定后，可以在稿件页面点“发送预览到我的手机”，在自己的微信里看到文章的样子。</p>`
}
</section>
<section class="card" id="phone-code">
<h2>${v.phone ? "换一台手机" : "绑定手机"}</h2>
${
  v.code
    ? html`<p class="bind-code" data-bind-code>${v.code.code}</p>
<p>用要绑定的手机微信，关注并打开公众号“${v.accountName}”，发送：<strong>绑定 ${v.code.code}</strong></p>
<p class="empty">绑定码 10 分钟内有效（至 ${v.code.until}），只能用一次。发送后刷新本页即可看到结果。</p>`
    : html`<ol class="steps"><li>点下面的按钮获取 6 位绑定码（10 分钟内有效）。</li><li>用手机微信给公众号“${v.accountName}”发送：绑定 加上这 6 位数字。</li><li>公众号回复“已绑定到后台账号”即完成。</li></ol>
${v.pendingUntil ? html`<p class="empty">已经获取过一个绑定码（${v.pendingUntil} 前有效）。忘了可以重新获取，旧的随即失效。</p>` : ""}`
}
<form method="post" action="/dashboard/phone/code">${csrf}<button class="primary" type="submit" data-get-code>${v.code || v.pendingUntil ? "重新获取绑定码" : "获取绑定码"}</button></form>
</section>`;
}
