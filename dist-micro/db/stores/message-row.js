"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.SYSTEM_TYPES = exports.EVENT_TYPES = void 0;
exports.contentOf = contentOf;
exports.sceneOf = sceneOf;
/** Ordinary messages (not events) open WeChat's 48 h customer-service window. */
exports.EVENT_TYPES = new Set([
    "subscribe",
    "unsubscribe",
    "scan",
    "click",
    "view",
    "location_report",
    "mass_send_finished",
    "publish_finished",
    "template_send_finished",
]);
/** Pushes WeChat sends on its own behalf (job results): not a youth's interaction. */
exports.SYSTEM_TYPES = new Set(["mass_send_finished", "publish_finished", "template_send_finished"]);
/** The human-readable gist of a push, for the message log and search. */
function contentOf(m) {
    switch (m.type) {
        case "text":
            return m.content;
        case "voice":
            return m.recognition ?? null;
        case "link":
            return `${m.title} ${m.url}`;
        case "location":
            return m.label;
        case "image":
            return m.picUrl;
        case "click":
            return m.key;
        case "view":
            return m.url;
        case "mass_send_finished":
            return `${m.msgId} ${m.status}`;
        case "publish_finished":
            return `${m.publishId} ${m.publishStatus}`;
        case "template_send_finished":
            return `${m.msgId} ${m.status}`;
        case "unknown":
            return m.event ?? m.msgType;
        default:
            return null;
    }
}
function sceneOf(m) {
    if (m.type === "subscribe")
        return m.sceneId ?? null;
    if (m.type === "scan")
        return m.sceneId;
    return null;
}
//# sourceMappingURL=message-row.js.map