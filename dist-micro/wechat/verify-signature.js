"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.computeSignature = computeSignature;
exports.verifySignature = verifySignature;
exports.verifyMsgSignature = verifyMsgSignature;
const node_crypto_1 = require("node:crypto");
/**
 * WeChat's request signature: sha1 of the parts sorted as strings (not numbers) and concatenated,
 * in lowercase hex. With token, timestamp and nonce it is the URL `signature` (接入指南 / 消息推送
 * doc, "将token、timestamp、nonce三个参数进行字典序排序"); with the `Encrypt` text added it is the
 * `msg_signature` of 安全模式 and of our encrypted replies' MsgSignature (消息加解密 doc).
 */
function computeSignature(...parts) {
    // Insertion sort in place, by UTF-16 code units like Array#sort's default: #sort allocates a
    // work copy, and this runs for every push.
    for (let i = 1; i < parts.length; i++) {
        const part = parts[i];
        let j = i - 1;
        for (; j >= 0 && parts[j] > part; j--)
            parts[j + 1] = parts[j];
        parts[j + 1] = part;
    }
    // One-shot crypto.hash (Node ≥ 20.12) is ~3× faster than createHash for inputs this small.
    return (0, node_crypto_1.hash)("sha1", parts.join(""), "hex");
}
/** Constant-time comparison of a computed signature with the one WeChat sent (rule 5 of DESIGN.md). */
function signatureMatches(expected, given) {
    if (typeof given !== "string" || given.length !== expected.length)
        return false;
    const a = Buffer.from(expected, "utf8");
    const b = Buffer.from(given, "utf8");
    // A non-ASCII character makes the byte lengths differ; timingSafeEqual would throw on that.
    return a.length === b.length && (0, node_crypto_1.timingSafeEqual)(a, b);
}
/**
 * Checks the `signature` query parameter of a URL handshake (GET) or a push (POST) in every mode:
 * sha1(sort[token, timestamp, nonce]). False when the signature is missing or malformed.
 */
function verifySignature(token, timestamp, nonce, signature) {
    if (signature === undefined)
        return false;
    return signatureMatches(computeSignature(token, timestamp, nonce), signature);
}
/**
 * Checks the `msg_signature` of a 安全模式/兼容模式 push: sha1(sort[token, timestamp, nonce, Encrypt]).
 * The doc insists on this one for encrypted bodies ("注意：不要使用signature验证！"): `signature`
 * does not cover the body.
 */
function verifyMsgSignature(token, timestamp, nonce, encrypt, msgSignature) {
    if (msgSignature === undefined)
        return false;
    return signatureMatches(computeSignature(token, timestamp, nonce, encrypt), msgSignature);
}
//# sourceMappingURL=verify-signature.js.map