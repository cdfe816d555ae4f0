"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.decodePush = decodePush;
const errors_1 = require("../errors");
const time_1 = require("../time");
const message_crypto_1 = require("./message-crypto");
const parse_message_1 = require("./parse-message");
const read_xml_1 = require("./read-xml");
const verify_signature_1 = require("./verify-signature");
const TIMESTAMP_RE = /^\d{1,12}$/;
const ENCRYPT_OPEN = "<Encrypt><![CDATA[";
const ENCRYPT_CLOSE = "]]></Encrypt>";
/**
 * The Encrypt text of an encrypted push. WeChat's envelope is always `<xml>…<Encrypt><![CDATA[…]]>
 * </Encrypt>…</xml>` (message-push doc), and msg_signature authenticates exactly this text, so one
 * unambiguous occurrence is read directly: a full parse of the envelope (the whole plaintext in
 * 兼容模式) costs more than the decryption. Anything else goes through the XML parser.
 */
function encryptOf(body) {
    const start = body.indexOf(ENCRYPT_OPEN);
    if (start !== -1 && body.indexOf(ENCRYPT_OPEN, start + 1) === -1) {
        const trimmed = body.trim();
        const end = body.indexOf(ENCRYPT_CLOSE, start + ENCRYPT_OPEN.length);
        if (end !== -1 && trimmed.startsWith("<xml>") && trimmed.endsWith("</xml>"))
            return body.slice(start + ENCRYPT_OPEN.length, end);
    }
    return (0, read_xml_1.childText)((0, read_xml_1.readXml)(body), "Encrypt");
}
function badSignature(what) {
    return new errors_1.RequestError("bad_signature", `wechat: ${what}`, 401);
}
/**
 * Replay protection (DESIGN rule 5): WeChat signs `timestamp` but never expires a signature, so a
 * captured push could be replayed forever without a window. WeChat's own retries come within ~15 s.
 */
function checkTimestamp(timestamp, windowSeconds, now) {
    if (timestamp === undefined || !TIMESTAMP_RE.test(timestamp)) {
        throw new errors_1.RequestError("stale_timestamp", "wechat: timestamp missing or not Unix seconds", 401);
    }
    const skew = Number(timestamp) - (0, time_1.unixSeconds)(now);
    if (Math.abs(skew) > windowSeconds) {
        throw new errors_1.RequestError("stale_timestamp", `wechat: timestamp is ${skew} s from now (window ±${windowSeconds} s)`, 401);
    }
    return timestamp;
}
function decodePlain(query, body, settings, timestamp, nonce) {
    if (!(0, verify_signature_1.verifySignature)(settings.token, timestamp, nonce, query["signature"])) {
        throw badSignature(query["signature"] === undefined ? "signature missing" : "signature does not match");
    }
    if (body.trim() === "")
        throw new errors_1.RequestError("empty_body", "wechat: empty body", 400);
    try {
        return { message: (0, parse_message_1.parseMessage)(body), encrypted: false, timestamp, nonce };
    }
    catch (err) {
        // A push from an account switched to 安全模式 while we are configured for 明文.
        if (err instanceof errors_1.RequestError && err.code === "malformed_xml" && body.includes("<Encrypt>")) {
            throw new errors_1.RequestError("malformed_xml", `${err.message} (the body is encrypted: configure encryptMode safe or compat)`, 400, err);
        }
        throw err;
    }
}
/**
 * 安全模式 (and 兼容模式 with encrypt_type=aes), message-push doc: verify msg_signature over the
 * Encrypt element (not `signature`, which does not cover the body), decrypt, check the AppId inside.
 */
function decodeEncrypted(query, body, settings, timestamp, nonce) {
    const { appId, aesKeys, token } = settings;
    if (appId === undefined || aesKeys.length === 0) {
        throw new errors_1.ConfigError([`wechat: encryptMode ${settings.encryptMode} needs the AppID and the EncodingAESKey`]);
    }
    if (query["encrypt_type"]?.toLowerCase() !== "aes") {
        // "url上无encrypt_type参数或者其值为raw，表示消息体仅含有明文" (消息加解密 FAQ): refused in safe mode.
        throw new errors_1.RequestError("encryption_required", "wechat: encrypt_type=aes required in safe mode", 401);
    }
    const msgSignature = query["msg_signature"];
    if (msgSignature === undefined || msgSignature === "")
        throw badSignature("msg_signature missing");
    // silenceper checks the URL signature too when present; it costs one sha1 and precedes any parsing.
    const signature = query["signature"];
    if (signature !== undefined && !(0, verify_signature_1.verifySignature)(token, timestamp, nonce, signature)) {
        throw badSignature("signature does not match");
    }
    if (body.trim() === "")
        throw new errors_1.RequestError("empty_body", "wechat: empty body", 400);
    const encrypt = encryptOf(body);
    if (encrypt === undefined || encrypt === "") {
        throw new errors_1.RequestError("encryption_required", "wechat: encrypted push expected, the body has no Encrypt element", 401);
    }
    if (!(0, verify_signature_1.verifyMsgSignature)(token, timestamp, nonce, encrypt, msgSignature))
        throw badSignature("msg_signature does not match");
    for (const key of aesKeys) {
        let inner;
        try {
            inner = (0, message_crypto_1.decryptMessage)(encrypt, key);
        }
        catch {
            continue;
        }
        // A previous key can decrypt to noise that passes the padding check: the AppId tells them apart.
        if (inner.appId === appId)
            return { message: (0, parse_message_1.parseMessage)(inner.xml), encrypted: true, aesKey: key, timestamp, nonce };
    }
    // One answer for every way decryption can fail (not base64, bad length, bad padding, wrong AppId),
    // and nothing decrypted in it: a sender must not learn which check failed (a padding oracle).
    throw new errors_1.RequestError("bad_ciphertext", "wechat: cannot decrypt Encrypt", 400);
}
/**
 * The inbound edge of POST /wechat/:account in one call: replay window first (before any parsing),
 * then the signature rules of the configured mode, then the body. Every refusal is a RequestError
 * (401 for authentication, 400 for a bad body) that the error middleware maps to a response.
 * compat (兼容模式) accepts both forms and answers in the form it received.
 */
function decodePush(query, body, settings, now) {
    const timestamp = checkTimestamp(query["timestamp"], settings.replayWindowSeconds, now);
    const nonce = query["nonce"];
    if (nonce === undefined || nonce === "")
        throw badSignature("nonce missing");
    const encrypted = settings.encryptMode === "safe" || (settings.encryptMode === "compat" && query["encrypt_type"]?.toLowerCase() === "aes");
    return encrypted ? decodeEncrypted(query, body, settings, timestamp, nonce) : decodePlain(query, body, settings, timestamp, nonce);
}
//# sourceMappingURL=decode-push.js.map