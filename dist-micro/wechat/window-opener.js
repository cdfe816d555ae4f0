"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.windowOpenerOf = windowOpenerOf;
/**
 * What, in a push, opens the customer-service window (inbox/reply-window.ts has the rules): a youth's own message, or a follow, menu click or scan.
 * Undefined for everything else (unfollow, VIEW, location reports, job results).
 */
function windowOpenerOf(m) {
    switch (m.type) {
        case "subscribe":
        case "scan":
        case "click":
            return m.type;
        case "text":
        case "image":
        case "voice":
        case "video":
        case "shortvideo":
        case "location":
        case "link":
            return "message";
        default:
            return undefined;
    }
}
//# sourceMappingURL=window-opener.js.map