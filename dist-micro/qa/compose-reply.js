"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.fill = fill;
exports.quoteQuestion = quoteQuestion;
exports.formatAnswer = formatAnswer;
exports.composeReply = composeReply;
/**
 * Texts the Q&A sends youths, and how answers share the one passive reply a push allows
 * (wechat-protocol.md §3.2: one reply per push, text ≤ 2048 UTF-8 bytes). Pure.
 */
const route_message_1 = require("../bot/route-message");
const bot_content_1 = require("../bot/bot-content");
const qa_content_1 = require("./qa-content");
const SEPARATOR = "\n\n";
function fill(template, values) {
    return template.replace(/\{([a-z_]+)\}/g, (whole, key) => (key in values ? String(values[key]) : whole));
}
function quoteQuestion(question) {
    const chars = [...question.replace(/\s+/g, " ").trim()];
    return chars.length <= qa_content_1.QUOTED_QUESTION_CHARS ? chars.join("") : chars.slice(0, qa_content_1.QUOTED_QUESTION_CHARS).join("") + "…";
}
/** An answer as the youth reads it, by either channel; cut to one text reply if the template grew since. */
function formatAnswer(texts, ticket) {
    const full = fill(texts.answer, { number: ticket.id, question: quoteQuestion(ticket.question), answer: ticket.answer });
    if ((0, bot_content_1.utf8Bytes)(full) <= bot_content_1.MAX_TEXT_REPLY_BYTES)
        return full;
    return (0, route_message_1.truncateUtf8)(full, bot_content_1.MAX_TEXT_REPLY_BYTES - (0, bot_content_1.utf8Bytes)("…")) + "…";
}
/**
 * One passive reply out of the answers waiting (oldest first) and the push's own reply: the
 * answers first, "ahead of whatever else they asked" (issue 7), then the own reply if it still fits
 * in 2048 bytes. Otherwise the answers that fit, then the fallback line (the rest next time).
 * `mustInclude` answers (already carried by this push on an earlier run) are always kept.
 */
function composeReply(answers, own, mustInclude = new Set()) {
    if (answers.length === 0)
        return { reply: own.reply, included: [] };
    const fits = (parts) => (0, bot_content_1.utf8Bytes)(parts.join(SEPARATOR)) <= bot_content_1.MAX_TEXT_REPLY_BYTES;
    // Answers in order while they fit (at least the first: each fits alone, see formatAnswer).
    const included = [];
    const parts = [];
    answers.forEach((a, i) => {
        if (included.length === 0 || mustInclude.has(i) || fits([...parts, a])) {
            included.push(i);
            parts.push(a);
        }
    });
    const ownText = own.reply?.type === "text" ? own.reply.content : undefined;
    if (ownText !== undefined) {
        // Drop trailing answers (they go next time) before dropping the youth's own reply.
        const kept = [...parts];
        const keptIdx = [...included];
        while (!fits([...kept, ownText]) && kept.length > 1 && !mustInclude.has(keptIdx[keptIdx.length - 1])) {
            kept.pop();
            keptIdx.pop();
        }
        if (fits([...kept, ownText]))
            return { reply: text([...kept, ownText]), included: keptIdx };
    }
    if (own.reply !== null && own.fallback !== undefined && fits([...parts, own.fallback])) {
        return { reply: text([...parts, own.fallback]), included };
    }
    return { reply: text(parts), included };
}
function text(parts) {
    return { type: "text", content: (0, route_message_1.truncateUtf8)(parts.join(SEPARATOR), bot_content_1.MAX_TEXT_REPLY_BYTES) };
}
//# sourceMappingURL=compose-reply.js.map