"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.encodeReply = encodeReply;
exports.verifyEcho = verifyEcho;
const errors_1 = require("../errors");
const time_1 = require("../time");
const message_crypto_1 = require("./message-crypto");
const render_reply_1 = require("./render-reply");
const verify_signature_1 = require("./verify-signature");
/**
 * The outbound edge of POST /wechat/:account: the body to answer a decoded push with.
 * `null` (nothing to say, a duplicate, or out of time) → `success`, which WeChat takes as "no reply,
 * do not retry" and which needs no encryption even in 安全模式 ("回复空串或者success（无需加密）即可",
 * message-push doc). Otherwise the passive reply, encrypted with the key that decrypted the push
 * (消息加解密 FAQ) when the push was encrypted; TimeStamp in seconds, Nonce echoing the request's.
 */
function encodeReply(reply, push, settings, now, random16) {
    if (reply === null)
        return "success";
    const xml = (0, render_reply_1.renderReply)(reply, {
        toOpenId: push.message.openId,
        fromOriginalId: push.message.accountOriginalId,
        createdAt: now,
    });
    if (!push.encrypted)
        return xml;
    const key = push.aesKey ?? settings.aesKeys[0];
    if (key === undefined || settings.appId === undefined) {
        throw new errors_1.ConfigError([`wechat: encryptMode ${settings.encryptMode} needs the AppID and the EncodingAESKey`]);
    }
    const encrypt = (0, message_crypto_1.encryptMessage)(xml, key, settings.appId, random16);
    const timestamp = String((0, time_1.unixSeconds)(now));
    return (0, render_reply_1.renderEncryptedReply)({
        encrypt,
        msgSignature: (0, verify_signature_1.computeSignature)(settings.token, timestamp, push.nonce, encrypt),
        timestamp,
        nonce: push.nonce,
    });
}
/**
 * The GET handshake of 服务器配置 (接入指南): a valid `signature` over token/timestamp/nonce → echo
 * `echostr` verbatim, as Official Accounts do in every mode. WeCom-style handshakes (node-webot
 * `serveEncrypt`, wechatpy's WeChatCrypto for Work) instead sign an encrypted echostr with
 * `msg_signature`: verified and decrypted. No timestamp window: the console may retry the check
 * later and it has no side effects.
 */
function verifyEcho(query, settings) {
    const timestamp = query["timestamp"] ?? "";
    const nonce = query["nonce"] ?? "";
    const echostr = query["echostr"];
    if ((0, verify_signature_1.verifySignature)(settings.token, timestamp, nonce, query["signature"])) {
        if (echostr === undefined)
            throw new errors_1.RequestError("missing_echostr", "wechat: echostr missing", 400);
        return echostr;
    }
    const msgSignature = query["msg_signature"];
    if (msgSignature !== undefined && echostr !== undefined && echostr !== "" && settings.aesKeys.length > 0) {
        // Base64 in a query string: a `+` sent unescaped arrives as a space after URL decoding.
        const candidates = echostr.includes(" ") ? [echostr, echostr.replaceAll(" ", "+")] : [echostr];
        const signed = candidates.find((c) => (0, verify_signature_1.verifyMsgSignature)(settings.token, timestamp, nonce, c, msgSignature));
        if (signed !== undefined) {
            let failure;
            for (const key of settings.aesKeys) {
                try {
                    const { xml, appId } = (0, message_crypto_1.decryptMessage)(signed, key);
                    if (settings.appId === undefined || appId === settings.appId)
                        return xml;
                }
                catch (err) {
                    failure ??= err;
                }
            }
            if (failure instanceof errors_1.RequestError)
                throw failure;
            throw new errors_1.RequestError("wrong_appid", "wechat: the echostr is for another AppID", 401);
        }
    }
    throw new errors_1.RequestError("bad_signature", "wechat: URL handshake signature does not match", 401);
}
//# sourceMappingURL=encode-reply.js.map