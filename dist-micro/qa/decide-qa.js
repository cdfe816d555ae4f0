"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.isWaiting = isWaiting;
exports.qaIntentOf = qaIntentOf;
exports.decideQa = decideQa;
const compose_reply_1 = require("./compose-reply");
const match_qa_intent_1 = require("./match-qa-intent");
/** Pushes that get a passive reply the youth sees: where a waiting answer can ride along. */
const VISIT_TYPES = new Set(["text", "image", "voice", "video", "shortvideo", "location", "link", "click", "subscribe", "scan"]);
/** Whether the youth is waiting to write a question now (a bare 提问 less than wait_minutes ago). */
function isWaiting(visit, content, now) {
    return visit.armedAt !== undefined && now.getTime() - visit.armedAt.getTime() < content.waitMinutes * 60_000;
}
/** The Q&A intent of a push, or null (the bot answers it). */
function qaIntentOf(message, content, visit, now) {
    if (!VISIT_TYPES.has(message.type))
        return null;
    return (0, match_qa_intent_1.matchQaIntent)(message, content, isWaiting(visit, content, now));
}
function decideQa(message, content, visit, bot, now) {
    let intent = qaIntentOf(message, content, visit, now);
    // Waiting for a question, the youth sent a column's keyword (诚聘): the column answers, no ticket.
    if (intent?.kind === "ask" && intent.waited && (bot.matchMode === "exact" || bot.matchMode === "menu"))
        intent = null;
    const own = intent === null ? { result: bot, fallback: content.texts.deferredNote } : intakeReply(content, intent, visit);
    const answers = VISIT_TYPES.has(message.type) ? visit.waitingAnswers : [];
    const held = VISIT_TYPES.has(message.type) ? visit.heldReplies.filter((r) => r.body.kind !== "image") : [];
    if (answers.length + held.length === 0)
        return { result: own.result, intent, delivered: [], deliveredReplies: [] };
    // What waits for the youth, oldest kind first: 青年之声 answers, then staff replies (inbox).
    const composed = (0, compose_reply_1.composeReply)([
        ...answers.map((t) => (0, compose_reply_1.formatAnswer)(content.texts, { id: t.id, question: t.question, answer: t.answer ?? "" })),
        ...held.map((r) => staffReplyText(r)),
    ], { reply: own.result.reply, fallback: own.fallback });
    return {
        result: { ...own.result, reply: composed.reply },
        intent,
        delivered: composed.included.filter((i) => i < answers.length).map((i) => answers[i]),
        deliveredReplies: composed.included.filter((i) => i >= answers.length).map((i) => held[i - answers.length]),
    };
}
/** A held staff reply as one passage of a text reply; an article becomes its title as a link. */
function staffReplyText(r) {
    const b = r.body;
    if (b.kind === "text")
        return b.content;
    if (b.kind === "article")
        return `<a href="${b.url.replace(/"/g, "%22")}">${b.title.replace(/</g, "＜").replace(/>/g, "＞")}</a>`;
    return "";
}
/** The intake's own reply; `{number}` is left for apply-qa.ts to fill with the new ticket's. */
function intakeReply(content, intent, visit) {
    const qa = (ruleId, reply, fallback) => ({
        result: { reply: { type: "text", content: reply }, ruleId: `qa:${ruleId}`, matchMode: "qa" },
        fallback,
    });
    switch (intent.kind) {
        case "arm":
            return qa("arm", (0, compose_reply_1.fill)(content.texts.askPrompt, { wait_minutes: content.waitMinutes }), content.texts.deferredNote);
        case "cancel":
            return qa("cancel", content.texts.cancelled);
        case "list":
            return qa("list", listText(content, visit.recentTickets), content.texts.deferredNote);
        case "ask":
            return qa("ask", content.texts.received, content.texts.receivedShort);
        case "too_short":
            return qa("too-short", content.texts.tooShort, content.texts.deferredNote);
    }
}
function stateWords(t) {
    if (t.state === "not_question")
        return "已关闭";
    if (t.state === "open")
        return "待答复";
    if (t.delivery === "delivered")
        return "已答复";
    // A pending answer rides on this very reply, above the list.
    return t.delivery === "pending" ? "已答复，见上" : "已答复，正在送达";
}
function listText(content, tickets) {
    if (tickets.length === 0)
        return content.texts.noTickets;
    return [content.texts.listHeader, ...tickets.map((t) => `#${t.id} ${shortQuestion(t.question)} · ${stateWords(t)}`)].join("\n");
}
function shortQuestion(question) {
    const chars = [...(0, compose_reply_1.quoteQuestion)(question)];
    return chars.length <= 20 ? chars.join("") : chars.slice(0, 20).join("") + "…";
}
//# sourceMappingURL=decide-qa.js.map