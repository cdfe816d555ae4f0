"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.tryBotPanel = tryBotPanel;
const html_1 = require("./html");
/**
 * 试一试: in sandbox mode staff type what a youth would send; it goes to our own webhook signed
 * as WeChat signs it, and the bot's reply is shown as the youth would see it.
 */
function tryBotPanel(csrfToken, exchange) {
    return (0, html_1.html) `<section class="card" id="try-bot">
<h3>试一试机器人（沙盒）</h3>
<p class="empty">以模拟青年的身份给公众号发一条消息，看机器人怎么回复。消息经过与微信相同的签名校验，也会计入本系统的消息统计。</p>
<form class="try" method="post" action="/dashboard/messages/try">
<input type="hidden" name="_csrf" value="${csrfToken}">
<input type="text" name="text" maxlength="200" placeholder="例如：招聘、实习、1" required value="${exchange?.sent ?? ""}">
<button class="primary" type="submit">发送</button>
</form>
${exchange
        ? (0, html_1.html) `<div class="chat" data-try-result><div class="bubble youth">${exchange.sent}</div><div class="bubble account${exchange.failed ? " error" : ""}">${exchange.reply}</div></div>`
        : ""}
</section>`;
}
//# sourceMappingURL=try-bot-panel.js.map