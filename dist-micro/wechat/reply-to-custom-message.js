"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.replyToCustomMessage = replyToCustomMessage;
/**
 * The customer-service form of a passive reply, for answers that missed WeChat's 5 s deadline
 * (客服消息 send doc). Passive-only forms (voice/video/music without media we own, transfer to
 * an agent) have no useful customer-service equivalent: null.
 */
function replyToCustomMessage(reply) {
    switch (reply.type) {
        case "text":
            return { type: "text", content: reply.content };
        case "image":
            return { type: "image", mediaId: reply.mediaId };
        case "news": {
            const a = reply.articles[0];
            return a ? { type: "news", article: { title: a.title, description: a.description, url: a.url, picUrl: a.picUrl } } : null;
        }
        default:
            return null;
    }
}
//# sourceMappingURL=reply-to-custom-message.js.map