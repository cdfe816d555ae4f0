"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.formatReply = formatReply;
/** Turns <a href="url">title</a> into "title (url)" so a terminal shows what a youth would tap. */
function plainLinks(text) {
    return text.replace(/<a\s+href="([^"]*)"\s*>([\s\S]*?)<\/a>/gi, "$2 ($1)");
}
/** A passive reply as it would look in the youth's chat, for the terminal. */
function formatReply(reply) {
    if (!reply)
        return "(no reply: the account answered `success`, the youth sees nothing)";
    switch (reply.type) {
        case "text":
            return plainLinks(reply.content);
        case "news":
            return reply.articles
                .map((a) => `▣ ${a.title}\n  ${a.description}\n  ${a.url}${a.picUrl ? `\n  [cover] ${a.picUrl}` : ""}`)
                .join("\n");
        case "image":
            return `[image ${reply.mediaId}]`;
        case "voice":
            return `[voice ${reply.mediaId}]`;
        case "video":
            return `[video ${reply.title ?? ""} ${reply.mediaId}]`;
        case "music":
            return `[music ${reply.title ?? ""}]`;
        case "transfer_customer_service":
            return "(handed over to a customer-service agent)";
    }
}
//# sourceMappingURL=format-reply.js.map