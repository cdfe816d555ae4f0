"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.REPLY_WINDOW_MS = exports.EVENT_WINDOW = exports.MESSAGE_WINDOW = void 0;
exports.replyWindow = replyWindow;
exports.formatWindowLeft = formatWindowLeft;
exports.windowClosedReason = windowClosedReason;
/**
 * WeChat's customer-service window, by our own records: the one place that knows its rules.
 * Every sender of customer-service messages (青年之声 answers, staff replies in the inbox) asks
 * it before sending and records the send (inbox/send-to-youth.ts).
 *
 * The rules (doc/subscription/guide/product/kf/intro.md; ../shared/research/platform-2025.md §1g):
 * a youth's own message opens 5 messages within 48 hours; a follow, a menu click or a QR scan
 * opens 3 within 1 minute. Beyond that WeChat answers 45015 (window expired) or 45047 (count
 * used up). Each opener starts its own count; the newest of each kind counts.
 */
exports.MESSAGE_WINDOW = { ms: 48 * 3600_000, limit: 5 };
exports.EVENT_WINDOW = { ms: 60_000, limit: 3 };
/** Kept for the Q&A figures ("answered within 48 h"). */
exports.REPLY_WINDOW_MS = exports.MESSAGE_WINDOW.ms;
/** The youth's window now. */
function replyWindow(facts, now) {
    const windows = [
        facts.lastMessageAt && grant("message", facts.lastMessageAt, exports.MESSAGE_WINDOW, facts.sends, now),
        facts.lastEventAt && grant("event", facts.lastEventAt, exports.EVENT_WINDOW, facts.sends, now),
    ].filter((w) => Boolean(w));
    if (windows.length === 0)
        return { open: false, openedBy: null, closesAt: null, msLeft: 0, remaining: 0, reason: "never_opened" };
    const open = windows.filter((w) => w.open);
    // The open window that lasts longest; else the one that closed last.
    const pick = (open.length > 0 ? open : windows).sort((a, b) => b.closesAt.getTime() - a.closesAt.getTime())[0];
    return pick;
}
function grant(openedBy, at, rule, sends, now) {
    const closesAt = new Date(at.getTime() + rule.ms);
    const since = sends.filter((s) => s.at.getTime() >= at.getTime());
    // WeChat's own word beats our count: a refusal after this opener ends it.
    const refusedClosed = since.some((s) => s.outcome === "refused_closed");
    const refusedUsedUp = since.some((s) => s.outcome === "refused_used_up");
    const used = since.filter((s) => s.outcome === "sent" || s.outcome === "uncertain").length;
    const remaining = refusedUsedUp || refusedClosed ? 0 : Math.max(0, rule.limit - used);
    const msLeft = refusedClosed ? 0 : Math.max(0, closesAt.getTime() - now.getTime());
    const open = msLeft > 0 && remaining > 0;
    const reason = open ? undefined : msLeft === 0 ? "expired" : "used_up";
    return { open, openedBy, closesAt, msLeft, remaining: msLeft > 0 ? remaining : 0, ...(reason ? { reason } : {}) };
}
/** "31小时12分 · 还可发 4 条" / "已关闭", for staff. */
function formatWindowLeft(w) {
    if (!w.open)
        return w.reason === "used_up" ? "已用完（5条）" : w.reason === "never_opened" ? "未开启" : "已关闭";
    const minutes = Math.floor(w.msLeft / 60_000);
    const h = Math.floor(minutes / 60);
    const m = minutes % 60;
    const left = h > 0 ? `${h}小时${m}分` : minutes > 0 ? `${m}分` : `${Math.ceil(w.msLeft / 1000)}秒`;
    return `${left} · 还可发 ${w.remaining} 条`;
}
/** Why a window is not open, in the words staff read. */
function windowClosedReason(w) {
    if (w.reason === "used_up")
        return "客服消息条数已用完（青年发一条消息后 48 小时内最多 5 条），等青年下次发消息时送达";
    if (w.reason === "never_opened")
        return "青年还没有给公众号发过消息，等青年发消息时送达";
    return "距青年最后一条消息已超过 48 小时，等青年下次发消息时送达";
}
//# sourceMappingURL=reply-window.js.map