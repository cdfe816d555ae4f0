"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.toWireCustomMessage = toWireCustomMessage;
exports.customEndpoints = customEndpoints;
const SEND = "/cgi-bin/message/custom/send";
/** The wire body for `toOpenId`. */
function toWireCustomMessage(toOpenId, message) {
    const head = { touser: toOpenId, msgtype: message.type };
    switch (message.type) {
        case "text":
            return { ...head, text: { content: message.content } };
        case "image":
            return { ...head, image: { media_id: message.mediaId } };
        case "news": {
            const a = message.article;
            return { ...head, news: { articles: [{ title: a.title, description: a.description, url: a.url, picurl: a.picUrl }] } };
        }
        case "mpnews":
            return { ...head, mpnews: { media_id: message.mediaId } };
        case "mpnewsarticle":
            return { ...head, mpnewsarticle: { article_id: message.articleId } };
    }
}
/**
 * 客服消息: reach a youth after the passive-reply deadline. Only within 48 h of their last message,
 * 5 messages per window (45015 outside the window or after unsubscribing, 45047 over the count),
 * and only for verified accounts (48001). None of these is retried (protocol §5.6, §6).
 */
function customEndpoints(call) {
    return {
        /** message/custom/send. Not retried on -1: the youth would get the answer twice. */
        async send(toOpenId, message) {
            await call({ path: SEND, method: "POST", json: toWireCustomMessage(toOpenId, message), retryOnBusy: false });
        },
    };
}
//# sourceMappingURL=custom.js.map