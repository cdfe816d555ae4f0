"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.clientMsgId = clientMsgId;
const node_crypto_1 = require("node:crypto");
/**
 * The clientmsgid of a post's mass send: deterministic (same account, post and draft → same id),
 * so a send repeated after a crash is refused with 45065 and the existing msg_id instead of
 * reaching phones twice (protocol §5.5, §8 item 8). 24 ASCII characters: WeChat allows 64 bytes,
 * but a 36-character id has been reported refused with 45067, so it stays short.
 * A new draft (the post was edited and re-drafted) gets a new id.
 */
function clientMsgId(accountId, slug, draftMediaId) {
    const digest = (0, node_crypto_1.createHash)("sha256").update(`${accountId}\n${slug}\n${draftMediaId}`).digest("base64url");
    return `ql${digest.slice(0, 22)}`;
}
//# sourceMappingURL=client-msg-id.js.map