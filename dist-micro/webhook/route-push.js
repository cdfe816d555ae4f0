"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.routePush = routePush;
const route_message_1 = require("../bot/route-message");
const decide_qa_1 = require("../qa/decide-qa");
/**
 * The reply to one push and what answering it writes. Pure: the push, the content and the
 * youth's state read beforehand in, a decision out; no I/O. The 青年之声 intake's keywords come
 * before the columns' (qa/decide-qa.ts), and answers waiting for the youth ride on the reply.
 */
function routePush(message, content, follower, now) {
    const bot = (0, route_message_1.routeMessage)(message, content.bot, {
        now,
        latestArticles: (columnId, limit) => (content.articles.get(columnId) ?? []).slice(0, limit),
        lastDefaultReplyAt: follower.lastDefaultReplyAt,
    });
    return (0, decide_qa_1.decideQa)(message, content.qa, follower.qa, bot, now);
}
//# sourceMappingURL=route-push.js.map