"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.applyQa = applyQa;
const logger_1 = require("../logger");
const pick_on_duty_1 = require("./pick-on-duty");
/**
 * Writes what decideQa decided for one push, inside the push's own transaction (so a retry, which
 * is answered from the stored reply, never makes a second ticket or burns a ticket number), and
 * returns the reply with the new ticket's number filled in.
 * @param reply the decided reply; `{number}` stands for the ticket this push makes
 */
function applyQa(deps, content, accountId, message, decision, now) {
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
            if (reply?.type === "text")
                reply = { type: "text", content: reply.content.replaceAll("{number}", String(id)) };
            break;
        }
    }
    for (const t of decision.delivered) {
        if (!store.markDeliveredPassive(t.id, message.dedupKey, now))
            continue;
        store.addEvent({ ticketId: t.id, at: now, actor: "webhook", kind: "delivered", channel: "passive", detail: `随青年这条消息的回复送达（${message.dedupKey}）` });
        deps.log.info({ ticket: t.id, user: (0, logger_1.hashOpenId)(openId) }, "answer delivered with the reply to the youth's message");
    }
    for (const r of decision.deliveredReplies) {
        if (deps.staffReplies.markDeliveredPassive(r.id, message.dedupKey, now)) {
            deps.log.info({ reply: r.id, user: (0, logger_1.hashOpenId)(openId) }, "staff reply delivered with the reply to the youth's message");
        }
    }
    return reply;
}
/** Makes the ticket and gives it to the cadre on duty next in turn. */
function createTicket(deps, content, accountId, message, question, now) {
    const { store } = deps;
    store.disarm(accountId, message.openId);
    const ticket = store.create({ accountId, openId: message.openId, question, askedAt: message.createdAt, dedupKey: message.dedupKey, now });
    if (!ticket.created)
        return ticket.id;
    store.addEvent({ ticketId: ticket.id, at: now, actor: "youth", kind: "asked", detail: message.type === "voice" ? "语音识别" : undefined });
    const cadre = (0, pick_on_duty_1.pickOnDuty)(content.rota, store.rotaTurns(accountId), message.createdAt, deps.timezone);
    if (cadre) {
        store.setAssignee(ticket.id, cadre.name, now);
        store.recordRotaTurn(accountId, cadre.name, ticket.id, now);
        store.addEvent({ ticketId: ticket.id, at: now, actor: "rota", kind: "assigned", detail: cadre.name });
    }
    deps.log.info({ ticket: ticket.id, user: (0, logger_1.hashOpenId)(message.openId), assignee: cadre?.name ?? null }, "question received");
    return ticket.id;
}
//# sourceMappingURL=apply-qa.js.map