"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.readFollower = readFollower;
const decide_qa_1 = require("../qa/decide-qa");
/**
 * Reads the youth's state for routing: a few indexed lookups. The tickets list only for
 * 我的问题, the waiting answers only when there are some, held staff replies (inbox), and no
 * waiting answers or replies when `withAnswers` is false
 * (a push answered from the journal: its answers wait, as they are marked delivered only with
 * the push in the main database).
 */
function readFollower(stores, accountId, message, qaContent, now, withAnswers = true) {
    const visit = stores.qaTickets.visitState(accountId, message.openId, message.dedupKey);
    const armed = { armedAt: visit.armedAt };
    const intent = (0, decide_qa_1.qaIntentOf)(message, qaContent, armed, now);
    return {
        lastDefaultReplyAt: stores.messages.lastDefaultReplyAt(accountId, message.openId),
        qa: {
            armedAt: visit.armedAt,
            waitingAnswers: withAnswers && visit.hasAnswers ? stores.qaTickets.answersFor(accountId, message.openId, message.dedupKey) : [],
            recentTickets: intent?.kind === "list" ? stores.qaTickets.forYouth(accountId, message.openId, 5) : [],
            heldReplies: withAnswers ? stores.staffReplies.held(accountId, message.openId) : [],
        },
    };
}
//# sourceMappingURL=read-follower.js.map