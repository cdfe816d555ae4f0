"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.DEFAULT_SUPPRESSED_RULE_ID = void 0;
exports.routeMessage = routeMessage;
exports.matchKeyword = matchKeyword;
exports.articleList = articleList;
exports.truncateUtf8 = truncateUtf8;
const bot_content_1 = require("./bot-content");
/** Recorded when the default reply was due but withheld by the once-per-interval rule. */
exports.DEFAULT_SUPPRESSED_RULE_ID = "default-suppressed";
function routeMessage(message, content, facts) {
    switch (message.type) {
        case "text":
            return routeText(message.content, content, facts);
        case "voice":
            // Recognition comes back with sentence punctuation ("诚聘。"), which a spoken keyword never has.
            if (message.recognition !== undefined && message.recognition.trim() !== "") {
                return routeText(message.recognition.replace(/[\s。，,．.！!？?、…~～]+$/u, ""), content, facts);
            }
            return defaultReply(content, facts);
        case "image":
        case "video":
        case "shortvideo":
        case "location":
        case "link":
            return defaultReply(content, facts);
        case "subscribe":
            return { reply: text(content.replies.welcome), ruleId: "welcome", matchMode: "event" };
        case "scan":
            return content.replies.scan === undefined
                ? { reply: null }
                : { reply: text(content.replies.scan), ruleId: "scan", matchMode: "event" };
        case "click":
            return routeClick(message.key, content, facts);
        case "unsubscribe":
        case "view":
        case "location_report":
        case "mass_send_finished":
        case "publish_finished":
        case "template_send_finished":
        case "unknown":
            return { reply: null };
    }
}
/** The first rule that matches the (raw) text, in precedence order; undefined if none. */
function matchKeyword(input, content) {
    const normalised = (0, bot_content_1.normaliseText)(input);
    if (normalised === "")
        return undefined;
    const { exact, contains, regex } = content.rules;
    return (exact.get(normalised) ??
        contains.find((r) => normalised.includes(r.text)) ??
        regex.find((r) => r.regex.test(normalised)));
}
function routeText(input, content, facts) {
    const rule = matchKeyword(input, content);
    const column = rule && content.columnsById.get(rule.columnId);
    if (!rule || !column)
        return defaultReply(content, facts);
    return {
        reply: columnReply(column, facts),
        ruleId: rule.id,
        columnId: column.id,
        matchMode: rule.source === "numbered_menu" ? "menu" : rule.mode,
    };
}
function routeClick(key, content, facts) {
    const columnId = content.menuKeyToColumn.get(key);
    const column = columnId === undefined ? undefined : content.columnsById.get(columnId);
    if (column) {
        return { reply: columnReply(column, facts), ruleId: `${column.id}:click:${key}`, columnId: column.id, matchMode: "click" };
    }
    const fixed = content.replies.menuReplies.get(key);
    if (fixed !== undefined)
        return { reply: text(fixed), ruleId: `click:${key}`, matchMode: "click" };
    // A stale menu (synced before a key was removed): nothing sensible to say.
    return { reply: null, matchMode: "click" };
}
function defaultReply(content, facts) {
    const intervalMs = content.replies.defaultReplyIntervalMinutes * 60_000;
    const last = facts.lastDefaultReplyAt;
    // Like the MP backend's 收到消息回复 ("60分钟内触发一次", anchors.md C1): not on every message.
    if (last !== undefined && facts.now.getTime() - last.getTime() < intervalMs) {
        return { reply: null, ruleId: exports.DEFAULT_SUPPRESSED_RULE_ID, matchMode: "default" };
    }
    return { reply: text(content.replies.default), ruleId: "default", matchMode: "default" };
}
/**
 * The column's latest articles: one → a news reply (only 1 article is allowed in a passive reply to
 * a user's message, 45008 since 2018-10-12, wechat-protocol.md §3.2); several → a text list of
 * links; none yet → the column's own text.
 */
function columnReply(column, facts) {
    const articles = column.reply.latest > 0 ? facts.latestArticles(column.id, column.reply.latest).slice(0, column.reply.latest) : [];
    const [first] = articles;
    if (first === undefined)
        return text(column.reply.text);
    if (articles.length === 1)
        return { type: "news", articles: [newsArticle(first, column)] };
    return text(articleList(column, articles));
}
function newsArticle(a, column) {
    return { title: a.title, description: a.digest, picUrl: a.coverUrl || column.defaultCover || "", url: a.url };
}
/** "【轮青诚聘】最新文章" then numbered `<a href>` lines, cut to whole lines within 2048 bytes. */
function articleList(column, articles) {
    const header = `【${column.name}】最新文章`;
    let out = truncateUtf8(header, bot_content_1.MAX_TEXT_REPLY_BYTES);
    for (const [i, a] of articles.entries()) {
        const prefix = `\n${i + 1}. <a href="${a.url.replace(/"/g, "%22")}">`;
        const suffix = "</a>";
        // Angle brackets in a title would break the link markup; full-width ones read the same.
        const title = a.title.replace(/</g, "＜").replace(/>/g, "＞");
        const line = prefix + title + suffix;
        if ((0, bot_content_1.utf8Bytes)(out + line) <= bot_content_1.MAX_TEXT_REPLY_BYTES) {
            out += line;
            continue;
        }
        // Only the first article is worth shortening its title for; later ones are simply left out.
        if (i === 0) {
            const room = bot_content_1.MAX_TEXT_REPLY_BYTES - (0, bot_content_1.utf8Bytes)(out + prefix + suffix + "…");
            if (room > 0)
                out += prefix + truncateUtf8(title, room) + "…" + suffix;
        }
        break;
    }
    return out;
}
/** The longest prefix of `s` within `maxBytes` UTF-8 bytes, never splitting a character. */
function truncateUtf8(s, maxBytes) {
    if ((0, bot_content_1.utf8Bytes)(s) <= maxBytes)
        return s;
    let out = "";
    let bytes = 0;
    for (const ch of s) {
        const n = (0, bot_content_1.utf8Bytes)(ch);
        if (bytes + n > maxBytes)
            break;
        out += ch;
        bytes += n;
    }
    return out;
}
function text(content) {
    return { type: "text", content: truncateUtf8(content, bot_content_1.MAX_TEXT_REPLY_BYTES) };
}
//# sourceMappingURL=route-message.js.map