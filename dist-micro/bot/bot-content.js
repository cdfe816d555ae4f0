"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.MAX_TEXT_REPLY_BYTES = exports.MATCH_MODES = exports.COLUMN_CATEGORIES = void 0;
exports.normaliseText = normaliseText;
exports.utf8Bytes = utf8Bytes;
/** The League's reporting categories (团县委 statistics use these five). */
exports.COLUMN_CATEGORIES = ["政策法规", "致富信息", "新闻娱乐", "便民服务", "其他"];
exports.MATCH_MODES = ["exact", "contains", "regex"];
/**
 * How both keywords (at load) and messages (at routing) are normalised before comparing:
 * trim, NFKC (full-width “诚聘”, "ＡＢＣ", "１" → half-width), lower case (Latin letters compare
 * case-insensitively; Chinese is unaffected).
 */
function normaliseText(s) {
    return s.normalize("NFKC").trim().toLowerCase();
}
/** UTF-8 length, the unit WeChat counts text replies in (≤ 2048, wechat-protocol.md §3.2). */
function utf8Bytes(s) {
    return Buffer.byteLength(s, "utf8");
}
/** Passive text replies are kept within this many UTF-8 bytes (wechat-protocol.md §3.2). */
exports.MAX_TEXT_REPLY_BYTES = 2048;
//# sourceMappingURL=bot-content.js.map