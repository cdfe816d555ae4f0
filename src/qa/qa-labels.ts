/**
 * 青年之声 words staff read, in the CLI (`qa …`) and on the dashboard's 青年之声 page
 * (dashboard/views/qa-views.ts): one list, so a ticket reads alike in a terminal and in a browser.
 */
import type { AnswerOutcome, TicketView } from "./qa-service";

export const EVENT_LABELS: Record<string, string> = {
  asked: "提问",
  assigned: "分配",
  answered: "答复",
  send_attempt: "发送客服消息",
  send_skipped: "未发送客服消息",
  delivered: "送达",
  not_question: "标记为不是问题",
  resend: "重发",
  picked: "选入汇编",
  unpicked: "移出汇编",
  roundup: "写入汇编草稿",
};

export const OUTCOME_LABELS: Record<string, string> = { delivered: "成功", refused: "微信拒绝", uncertain: "结果不明" };

export const CHANNEL_LABELS: Record<string, string> = { custom: "客服消息", passive: "随回复" };

/** Who did it: the youth, the rota, the webhook, or a staff login's name. */
export function actorLabel(actor: string): string {
  return actor === "youth" ? "青年" : actor === "rota" ? "轮值" : actor === "webhook" ? "公众号" : actor === "cli" ? "命令行" : actor;
}

/** A ticket's state and delivery in one phrase ("已答复 · 客服消息已送达"). */
export function ticketStateLabel(t: TicketView): string {
  if (t.state === "not_question") return "不是问题";
  if (t.state === "open") return "待答复";
  if (t.needsDecision) return "已答复 · 送达情况不明";
  switch (t.delivery) {
    case "delivered":
      return t.deliveredVia === "custom" ? "已答复 · 客服消息已送达" : "已答复 · 已随回复送达";
    case "pending":
      return "已答复 · 待青年下次发消息时送达";
    case "sending":
      return "已答复 · 发送中";
    default:
      return "已答复";
  }
}

/** Why an answer went out now or waits, and what staff can do (errcodes: protocol §5.6). */
export const ANSWER_REASONS: Record<AnswerOutcome["reason"], string> = {
  delivered: "已通过客服消息送达",
  window_closed: "按我们的记录，青年的 48 小时窗口已关闭：答复会在青年下次发消息时送达",
  unverified: "公众号未认证（微信 48001）：答复会在青年下次发消息时送达",
  wechat_48001: "微信拒绝了客服消息：48001（公众号没有客服消息接口权限）。答复会在青年下次发消息时送达",
  wechat_45015: "微信拒绝了客服消息：45015（超过 48 小时，或青年已取消关注）。答复会在青年下次发消息时送达",
  wechat_45047: "微信拒绝了客服消息：45047（这个窗口的 5 条已用完）。答复会在青年下次发消息时送达",
  wechat_error: "现在用不了微信的客服消息：答复会在青年下次发消息时送达",
  uncertain: "调用中断，没有收到微信的结果：答复可能已经送达。先向青年确认，需要时运行 qa resend N",
};
