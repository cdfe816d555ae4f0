"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.inboundXml = inboundXml;
exports.buildPush = buildPush;
const node_crypto_1 = require("node:crypto");
const verify_signature_1 = require("./verify-signature");
const message_crypto_1 = require("./message-crypto");
const cdata = (v) => `<![CDATA[${v.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
/** Inbound XML exactly as WeChat's push servers write it (接收普通消息 / 接收事件推送 docs). */
function inboundXml(action, openId, originalId, createTime) {
    const head = `<xml><ToUserName>${cdata(originalId)}</ToUserName><FromUserName>${cdata(openId)}</FromUserName>` +
        `<CreateTime>${createTime}</CreateTime>`;
    switch (action.kind) {
        case "text":
            return (head +
                `<MsgType>${cdata("text")}</MsgType><Content>${cdata(action.content)}</Content>` +
                `<MsgId>${action.msgId ?? `${createTime}${(0, node_crypto_1.randomInt)(100000000, 999999999)}`}</MsgId></xml>`);
        case "subscribe":
            return (head +
                `<MsgType>${cdata("event")}</MsgType><Event>${cdata("subscribe")}</Event>` +
                (action.sceneId ? `<EventKey>${cdata(`qrscene_${action.sceneId}`)}</EventKey>` : "") +
                "</xml>");
        case "unsubscribe":
            return head + `<MsgType>${cdata("event")}</MsgType><Event>${cdata("unsubscribe")}</Event></xml>`;
        case "click":
            return head + `<MsgType>${cdata("event")}</MsgType><Event>${cdata("CLICK")}</Event><EventKey>${cdata(action.key)}</EventKey></xml>`;
        case "scan":
            return head + `<MsgType>${cdata("event")}</MsgType><Event>${cdata("SCAN")}</Event><EventKey>${cdata(action.sceneId)}</EventKey></xml>`;
    }
}
/**
 * Signs (and in 安全模式 encrypts) a push the way WeChat does: signature over token/timestamp/
 * nonce; with encryption also encrypt_type=aes and msg_signature over the Encrypt element.
 */
function buildPush(action, openId, target, now) {
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const nonce = String((0, node_crypto_1.randomInt)(100000000, 2147483647));
    const xml = inboundXml(action, openId, target.originalId, Number(timestamp));
    const q = new URLSearchParams({ signature: (0, verify_signature_1.computeSignature)(target.token, timestamp, nonce), timestamp, nonce, openid: openId });
    if (!target.encrypt)
        return { query: q.toString(), body: xml, timestamp, nonce };
    if (!target.appId || !target.aesKey)
        throw new Error("wechat: buildPush needs appId and aesKey to encrypt");
    const encrypt = (0, message_crypto_1.encryptMessage)(xml, target.aesKey, target.appId);
    q.set("encrypt_type", "aes");
    q.set("msg_signature", (0, verify_signature_1.computeSignature)(target.token, timestamp, nonce, encrypt));
    const body = `<xml><ToUserName>${cdata(target.originalId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
    return { query: q.toString(), body, timestamp, nonce };
}
//# sourceMappingURL=build-push.js.map