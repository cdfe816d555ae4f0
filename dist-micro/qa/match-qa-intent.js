"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.matchQaIntent = matchQaIntent;
exports.tooShort = tooShort;
const bot_content_1 = require("../bot/bot-content");
const qa_content_1 = require("./qa-content");
/** Between the keyword and the question: spaces and the punctuation people type there (提问：…). */
const SEPARATOR = /^[\s:：,，、。.!！?？\-—~～]+/u;
/**
 * Decides, from the message alone (pure), what the Q&A intake does with it. Runs before the bot's
 * keyword rules, so "提问 招聘会几号开？" is a question, not the 招聘会 column.
 *
 * @param waiting whether this youth sent a bare 提问 less than wait_minutes ago
 */
function matchQaIntent(message, content, waiting) {
    if (message.type === "click")
        return content.menuKey !== undefined && message.key === content.menuKey ? { kind: "arm" } : null;
    const raw = message.type === "text" ? message.content : message.type === "voice" ? message.recognition : undefined;
    if (raw === undefined || raw.trim() === "")
        return null;
    // Voice recognition ends sentences with punctuation ("我的问题。"), which a keyword never has.
    const normalised = (0, bot_content_1.normaliseText)(message.type === "voice" ? raw.replace(/[\s。，,．.！!？?、…~～]+$/u, "") : raw);
    if (content.listKeywords.includes(normalised))
        return { kind: "list" };
    if (waiting && (content.cancelKeywords.includes(normalised) || qa_content_1.ALWAYS_CANCEL.includes(normalised)))
        return { kind: "cancel" };
    for (const keyword of content.askKeywords) {
        if (!normalised.startsWith(keyword))
            continue;
        const rest = normalised.slice(keyword.length);
        // A Latin keyword must end at a word boundary ("ask me", not "askme"); Chinese has no spaces.
        if (/[a-z0-9]$/.test(keyword) && /^[a-z0-9]/.test(rest))
            continue;
        const question = afterPrefix(raw.trim(), keyword).replace(SEPARATOR, "").trim();
        if (question === "")
            return { kind: "arm" };
        return tooShort(question) ? { kind: "too_short" } : { kind: "ask", question: clip(question) };
    }
    if (waiting)
        return tooShort(raw.trim()) ? { kind: "too_short" } : { kind: "ask", question: clip(raw.trim()), waited: true };
    return null;
}
/**
 * Not a question: one character, digits only, or nothing but emoji, punctuation and WeChat's
 * sticker codes ("/::)", "[微笑]"), which arrive as text.
 */
function tooShort(text) {
    const stripped = text
        .replace(/\[[^\]\s]{1,8}\]/gu, "") // [微笑] [Smile]
        .replace(/\/:[^\s]{1,8}/gu, "") // /::) /:B-)
        .replace(/[\p{P}\p{S}\p{Z}\s]/gu, "");
    if ([...stripped].length <= 1)
        return true;
    return /^\d+$/.test(stripped);
}
/**
 * The youth's own text after the keyword: the question is kept as written (full-width
 * punctuation, Latin capitals), only the matching was done on the normalised form.
 */
function afterPrefix(text, normalisedKeyword) {
    // NFKC can merge or split characters, so find the shortest prefix that normalises to the keyword.
    for (let i = 1; i <= text.length && i <= normalisedKeyword.length * 4; i++) {
        if ((0, bot_content_1.normaliseText)(text.slice(0, i)) === normalisedKeyword)
            return text.slice(i);
    }
    return (0, bot_content_1.normaliseText)(text).slice(normalisedKeyword.length);
}
function clip(question) {
    const chars = [...question];
    return chars.length <= qa_content_1.MAX_QUESTION_CHARS ? question : chars.slice(0, qa_content_1.MAX_QUESTION_CHARS).join("") + "…";
}
//# sourceMappingURL=match-qa-intent.js.map