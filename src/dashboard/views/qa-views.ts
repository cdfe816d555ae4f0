/**
 * The 青年之声 tickets on the dashboard: the list (inside the Q&A stats page) and one ticket with
 * its answer form, assignment, history. Every form posts the session's CSRF token; every text a
 * youth or staff wrote is escaped by `html`.
 */
import type { TicketEvent } from "../../db/stores/qa-ticket-store";
import { hashOpenId } from "../../logger";
import { MAX_ANSWER_BYTES } from "../../qa/qa-content";
import type { DeliveryReason, TicketView } from "../../qa/qa-service";
import { formatWindowLeft } from "../../inbox/reply-window";
import { EVENT_LABELS, OUTCOME_LABELS, ticketStateLabel } from "../../qa/qa-labels";
import { formatLocal } from "../../time";
import { html, type SafeHtml } from "./html";

export const DELIVERY_NOTES: Record<DeliveryReason, { level: "info" | "warn"; text: string }> = {
  delivered: { level: "info", text: "答复已通过客服消息送达青年。" },
  window_closed: { level: "info", text: "青年最后一条消息已超过48小时（客服消息窗口已关闭）：答复将在青年下次给公众号发消息时，随回复一起送达。" },
  unverified: { level: "info", text: "公众号未认证，不能发客服消息（48001）：答复将在青年下次给公众号发消息时，随回复一起送达。" },
  wechat_48001: { level: "warn", text: "微信拒绝发送（48001，接口未授权）：答复将在青年下次给公众号发消息时，随回复一起送达。" },
  wechat_45015: { level: "warn", text: "微信拒绝发送（45015，超过48小时或青年已取消关注）：答复将在青年下次给公众号发消息时，随回复一起送达。" },
  wechat_45047: { level: "warn", text: "微信拒绝发送（45047，本窗口的客服消息条数已用完）：答复将在青年下次给公众号发消息时，随回复一起送达。" },
  wechat_error: { level: "warn", text: "现在无法通过微信发送：答复将在青年下次给公众号发消息时，随回复一起送达。" },
  uncertain: { level: "warn", text: "发送时连接中断，不确定青年是否已收到。确认未收到后，点“下次来访时重发”。" },
};

const DONE_NOTES: Record<string, string> = {
  assigned: "已重新分配。",
  not_question: "已标记为“不是问题”。",
  resend: "答复将在青年下次发消息时重发。",
  picked: "已选入“青年之声问答”汇编。",
  unpicked: "已从汇编中移除。",
};

const clip = (s: string, n: number) => {
  const chars = [...s.replace(/\s+/g, " ")];
  return chars.length <= n ? chars.join("") : chars.slice(0, n).join("") + "…";
};

const windowCell = (t: TicketView) =>
  t.state === "not_question" || t.delivery === "delivered" ? "" : formatWindowLeft(t.window);

export interface TicketsPanelOptions {
  tickets: TicketView[];
  total: number;
  search: string;
  all: boolean;
  /** The page's range query (kept by the search form). */
  range: { from: string; to: string } | undefined;
  timezone: string;
}

/** The tickets list: open work oldest first (or every ticket), searchable. */
export function ticketsPanel(o: TicketsPanelOptions): SafeHtml {
  const rows = o.tickets.map(
    (t) => html`<tr data-ticket="${t.id}">
<td><a href="/dashboard/qa/${t.id}">#${t.id}</a></td>
<td>${formatLocal(t.askedAt, o.timezone)}</td>
<td>${windowCell(t)}</td>
<td>${t.assignee ?? "未分配"}</td>
<td>${ticketStateLabel(t)}</td>
<td><a href="/dashboard/qa/${t.id}">${clip(t.question, 40)}</a></td>
</tr>`,
  );
  return html`<section class="card" id="qa-tickets">
<div class="table-head"><h3>${o.all ? "全部问题（最新的在前）" : "待处理的问题（等得最久的在前）"}</h3><span class="empty">${o.total} 个</span></div>
<form class="range" method="get" action="/dashboard/qa">
${o.range ? html`<input type="hidden" name="from" value="${o.range.from}"><input type="hidden" name="to" value="${o.range.to}">` : ""}
<label>搜索（问题、答复、负责人或编号）<input type="text" name="q" value="${o.search}" maxlength="100"></label>
<label class="check"><span><input type="checkbox" name="all" value="1"${o.all ? html` checked` : ""}> 包括已处理的</span></label>
<button class="primary" type="submit">搜索</button>
</form>
${
  o.tickets.length === 0
    ? html`<p class="empty">${o.search ? "没有找到。" : o.all ? "还没有人提问。" : "没有待处理的问题。"}</p>`
    : html`<div class="scroll"><table>
<thead><tr><th scope="col">编号</th><th scope="col">提问时间</th><th scope="col" title="青年最后一条消息后48小时内可直接发客服消息">窗口剩余</th><th scope="col">负责人</th><th scope="col">状态</th><th scope="col">问题</th></tr></thead>
<tbody>${rows}</tbody>
</table></div>`
}
</section>`;
}

export interface TicketPageOptions {
  ticket: TicketView;
  events: TicketEvent[];
  rota: string[];
  onDuty: string[];
  csrfToken: string;
  timezone: string;
  /** After a POST: what happened (a DeliveryReason or a DONE_NOTES key). */
  done?: string | undefined;
  error?: string | undefined;
  /** The answer as typed, when it was refused. */
  draft?: string | undefined;
}

function postButton(action: string, csrf: string, label: string, extra: SafeHtml | string = ""): SafeHtml {
  return html`<form method="post" action="${action}"><input type="hidden" name="_csrf" value="${csrf}">${extra}<button type="submit">${label}</button></form>`;
}

/** One ticket: question, window, answer form, assignment, not-a-question, resend, roundup pick, history. */
export function ticketPage(o: TicketPageOptions): SafeHtml {
  const t = o.ticket;
  const base = `/dashboard/qa/${t.id}`;
  const tz = o.timezone;
  const note = o.done ? (DELIVERY_NOTES[o.done as DeliveryReason] ?? (DONE_NOTES[o.done] ? { level: "info" as const, text: DONE_NOTES[o.done]! } : undefined)) : undefined;
  const canAnswer = t.delivery === "none" || t.delivery === "pending";
  const windowText = t.window.closesAt
    ? t.window.open
      ? `还剩 ${formatWindowLeft(t.window)}（到 ${formatLocal(t.window.closesAt, tz)}）：答复会立即通过客服消息发出`
      : `已于 ${formatLocal(t.window.closesAt, tz)} 关闭：答复将在青年下次发消息时送达`
    : "没有青年的消息记录：答复将在青年下次发消息时送达";

  return html`<p><a href="/dashboard/qa">← 青年之声</a></p>
<h1>问题 #${t.id} <small class="empty">${ticketStateLabel(t)}</small></h1>
${note ? html`<p class="notice ${note.level}" role="${note.level === "warn" ? "alert" : "status"}" data-qa-done="${o.done ?? ""}">${note.text}</p>` : ""}
${o.error ? html`<p class="notice warn" role="alert" data-qa-error>${o.error}</p>` : ""}
<section class="card">
<dl class="qa-facts">
<dt>提问时间</dt><dd>${formatLocal(t.askedAt, tz)}</dd>
<dt>青年</dt><dd title="OpenID 不显示，仅显示其摘要">${hashOpenId(t.openId)}</dd>
<dt>客服消息窗口</dt><dd>${windowText}</dd>
<dt>负责人</dt><dd>${t.assignee ?? "未分配"}</dd>
</dl>
<h3>问题</h3>
<p class="qa-text" data-qa-question>${t.question}</p>
${
  t.answer !== null
    ? html`<h3>答复 <small class="empty">${t.answeredBy ?? ""} · ${t.answeredAt ? formatLocal(t.answeredAt, tz) : ""}</small></h3><p class="qa-text" data-qa-answer>${t.answer}</p>`
    : ""
}
</section>
${
  canAnswer
    ? html`<section class="card" id="qa-answer">
<h3>${t.answer === null ? "答复" : "修改答复（尚未送达）"}</h3>
<form class="qa" method="post" action="${base}/answer">
<input type="hidden" name="_csrf" value="${o.csrfToken}">
<textarea name="answer" required maxlength="${MAX_ANSWER_BYTES}" placeholder="答复会连同问题一起发给青年（不超过约600个汉字）">${o.draft ?? t.answer ?? ""}</textarea>
<div class="actions"><button class="primary" type="submit">发送答复</button><span class="empty">${windowText}</span></div>
</form>
</section>`
    : ""
}
<section class="card actions" id="qa-actions">
<form method="post" action="${base}/assign"><input type="hidden" name="_csrf" value="${o.csrfToken}">
<label>分配给 <select name="assignee">${o.rota.map(
    (name) => html`<option value="${name}"${name === t.assignee ? html` selected` : ""}>${name}${o.onDuty.includes(name) ? "（今天值班）" : ""}</option>`,
  )}</select></label> <button type="submit">分配</button></form>
${t.state === "open" ? postButton(`${base}/not-question`, o.csrfToken, "不是问题") : ""}
${t.needsDecision ? postButton(`${base}/resend`, o.csrfToken, "下次来访时重发") : ""}
${
  t.state === "answered"
    ? postButton(`${base}/pick`, o.csrfToken, t.picked ? "移出问答汇编" : "选入问答汇编", html`<input type="hidden" name="picked" value="${t.picked ? "0" : "1"}">`)
    : ""
}
${t.roundupSlug ? html`<span class="empty">已写入汇编草稿 ${t.roundupSlug}</span>` : ""}
</section>
<section class="card" id="qa-history">
<h3>处理记录</h3>
<div class="scroll"><table>
<thead><tr><th scope="col">时间</th><th scope="col">操作人</th><th scope="col">事项</th><th scope="col">结果</th><th scope="col">说明</th></tr></thead>
<tbody>${o.events.map(
    (e) => html`<tr data-event="${e.kind}">
<td>${formatLocal(e.at, tz, "YYYY-MM-DD HH:mm:ss")}</td>
<td>${e.actor === "youth" ? "青年" : e.actor === "rota" ? "轮值" : e.actor === "webhook" ? "公众号" : e.actor}</td>
<td>${EVENT_LABELS[e.kind] ?? e.kind}${e.channel === "passive" ? "（随回复）" : e.channel === "custom" ? "（客服消息）" : ""}</td>
<td>${e.outcome ? (OUTCOME_LABELS[e.outcome] ?? e.outcome) : ""}${e.errcode !== null ? ` ${e.errcode}` : ""}</td>
<td>${e.detail ?? ""}</td>
</tr>`,
  )}</tbody>
</table></div>
</section>`;
}
