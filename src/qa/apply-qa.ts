import type { QaTicketStore } from "../db/stores/qa-ticket-store";
import type { StaffReplyStore } from "../db/stores/staff-reply-store";
import { hashOpenId, type Logger } from "../logger";
import type { InboundMessage, Reply } from "../wechat/types";
import type { QaDecision } from "./decide-qa";
import { pickOnDuty } from "./pick-on-duty";
import type { QaContent } from "./qa-content";

export interface ApplyQaDeps {
  store: QaTicketStore;
  staffReplies: StaffReplyStore;
  log: Logger;
  /** Day boundaries of the duty rota (SCHEDULE_TIMEZONE). */
  timezone: string;
}

/**
 * Writes what decideQa decided for one push, inside the push's own transaction (so a retry, which
 * is answered from the stored reply, never makes a second ticket or burns a ticket number), and
 * returns the reply with the new ticket's number filled in.
 * @param reply the decided reply; `{number}` stands for the ticket this push makes
 */
export function applyQa(deps: ApplyQaDeps, content: QaContent, accountId: string, message: InboundMessage, decision: QaDecision, now: Date): Reply | null {
  const { store } = deps;
  const { openId } = message;
  let reply = decision.result.reply;
  switch (decision.intent?.kind) {
    case "arm":
      store.arm(accountId, openId, now);
      break;
    case "cancel":
      store.disarm(accountId, openId);
      break;
    case "ask": {
      const id = createTicket(deps, content, accountId, message, decision.intent.question, now);
      reply = withTicketNumber(reply, String(id));
      break;
    }
  }
  for (const t of decision.delivered) {
    if (!store.markDeliveredPassive(t.id, message.dedupKey, now)) continue;
    store.addEvent({ ticketId: t.id, at: now, actor: "webhook", kind: "delivered", channel: "passive", detail: `随青年这条消息的回复送达（${message.dedupKey}）` });
    deps.log.info({ ticket: t.id, user: hashOpenId(openId) }, "answer delivered with the reply to the youth's message");
  }
  for (const r of decision.deliveredReplies) {
    if (deps.staffReplies.markDeliveredPassive(r.id, message.dedupKey, now)) {
      deps.log.info({ reply: r.id, user: hashOpenId(openId) }, "staff reply delivered with the reply to the youth's message");
    }
  }
  return reply;
}

/** The reply with a ticket's number put in for `{number}` (the journal puts 待编号 until it is folded). */
export function withTicketNumber(reply: Reply | null, number: string): Reply | null {
  return reply?.type === "text" ? { type: "text", content: reply.content.replaceAll("{number}", number) } : reply;
}

/** Makes the ticket and gives it to the cadre on duty next in turn. */
function createTicket(deps: ApplyQaDeps, content: QaContent, accountId: string, message: InboundMessage, question: string, now: Date): number {
  const { store } = deps;
  store.disarm(accountId, message.openId);
  const ticket = store.create({ accountId, openId: message.openId, question, askedAt: message.createdAt, dedupKey: message.dedupKey, now });
  if (!ticket.created) return ticket.id;
  store.addEvent({ ticketId: ticket.id, at: now, actor: "youth", kind: "asked", detail: message.type === "voice" ? "语音识别" : undefined });
  const cadre = pickOnDuty(content.rota, store.rotaTurns(accountId), message.createdAt, deps.timezone);
  if (cadre) {
    store.setAssignee(ticket.id, cadre.name, now);
    store.recordRotaTurn(accountId, cadre.name, ticket.id, now);
    store.addEvent({ ticketId: ticket.id, at: now, actor: "rota", kind: "assigned", detail: cadre.name });
  }
  deps.log.info({ ticket: ticket.id, user: hashOpenId(message.openId), assignee: cadre?.name ?? null }, "question received");
  return ticket.id;
}
