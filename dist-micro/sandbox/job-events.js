"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.publishJobFinishXml = publishJobFinishXml;
exports.massSendJobFinishXml = massSendJobFinishXml;
exports.signPush = signPush;
exports.pushJobEvent = pushJobEvent;
const node_crypto_1 = require("node:crypto");
const verify_signature_1 = require("../wechat/verify-signature");
const message_crypto_1 = require("../wechat/message-crypto");
const time_1 = require("../time");
const cdata = (v) => `<![CDATA[${v.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;
/** Who sends job events: "公众号群发助手的openid，为mphelper" (freepublish_submit doc; protocol §2). */
const MPHELPER = "mphelper";
const head = (toUser, fromUser, createTime, event) => `<xml><ToUserName>${cdata(toUser)}</ToUserName><FromUserName>${cdata(fromUser)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime><MsgType>${cdata("event")}</MsgType><Event>${cdata(event)}</Event>`;
/** PUBLISHJOBFINISH as in vectors/ev-publishjobfinish*.xml (article_* only on success, fail_idx repeated). */
function publishJobFinishXml(toUser, createTime, r) {
    let info = `<publish_id>${r.publishId}</publish_id><publish_status>${r.status}</publish_status>`;
    if (r.status === 0 && r.articleId !== null) {
        const items = r.articleUrls
            .map((url, i) => `<item><idx>${i + 1}</idx><article_url>${cdata(url)}</article_url></item>`)
            .join("");
        info += `<article_id>${cdata(r.articleId)}</article_id><article_detail><count>${r.articleUrls.length}</count>${items}</article_detail>`;
    }
    info += r.failIdx.map((i) => `<fail_idx>${i}</fail_idx>`).join("");
    return head(toUser, MPHELPER, createTime, "PUBLISHJOBFINISH") + `<PublishEventInfo>${info}</PublishEventInfo></xml>`;
}
/** MASSSENDJOBFINISH as in vectors/ev-masssendjobfinish-success.xml (MsgID with a capital D). */
function massSendJobFinishXml(toUser, fromUser, createTime, r) {
    const urls = r.articleUrls
        .map((url, i) => `<item><ArticleIdx>${i + 1}</ArticleIdx><ArticleUrl>${cdata(url)}</ArticleUrl></item>`)
        .join("");
    return (head(toUser, fromUser, createTime, "MASSSENDJOBFINISH") +
        `<MsgID>${r.msgId}</MsgID><Status>${cdata(r.status)}</Status><TotalCount>${r.totalCount}</TotalCount>` +
        `<FilterCount>${r.filterCount}</FilterCount><SentCount>${r.sentCount}</SentCount><ErrorCount>${r.errorCount}</ErrorCount>` +
        `<CopyrightCheckResult><Count>0</Count><ResultList></ResultList><CheckState>1</CheckState></CopyrightCheckResult>` +
        `<ArticleUrlResult><Count>${r.articleUrls.length}</Count><ResultList>${urls}</ResultList></ArticleUrlResult></xml>`);
}
/** The event as WeChat would POST it: query (signature…) and body, per the callback's encrypt mode (protocol §1). */
function signPush(sb, xml, fromUser, now) {
    const cb = sb.settings.callback;
    const timestamp = String((0, time_1.unixSeconds)(now));
    const nonce = String((0, node_crypto_1.randomInt)(100_000_000, 2_147_483_647));
    const query = new URLSearchParams({ signature: (0, verify_signature_1.computeSignature)(cb.token, timestamp, nonce), timestamp, nonce, openid: fromUser });
    if (cb.encryptMode === "plain")
        return { query, body: xml };
    if (!cb.encodingAesKey)
        throw new Error(`sandbox: callback encryptMode ${cb.encryptMode} needs encodingAesKey`);
    const encrypt = (0, message_crypto_1.encryptMessage)(xml, (0, message_crypto_1.aesKeyFromEncodingAesKey)(cb.encodingAesKey), sb.appId);
    query.set("encrypt_type", "aes");
    query.set("msg_signature", (0, verify_signature_1.computeSignature)(cb.token, timestamp, nonce, encrypt));
    // 兼容模式 sends the plaintext fields and Encrypt together; 安全模式 only ToUserName and Encrypt.
    const body = cb.encryptMode === "compat"
        ? xml.replace(/<\/xml>$/, `<Encrypt>${cdata(encrypt)}</Encrypt></xml>`)
        : `<xml><ToUserName>${cdata(cb.originalId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
    return { query, body };
}
/**
 * POSTs a job event to the callback URL, signed as WeChat signs, and records how it went.
 * One try with WeChat's 5 s patience; no callback configured means nothing is pushed.
 */
async function pushJobEvent(sb, event) {
    const cb = sb.settings.callback;
    if (!cb)
        return;
    const now = sb.clock.now();
    const { query, body } = signPush(sb, event.xml(cb.originalId), event.fromUser, now);
    const record = { event: event.name, refId: event.refId, url: cb.url, createdAt: now.getTime() };
    try {
        const res = await sb.fetch(`${cb.url}${cb.url.includes("?") ? "&" : "?"}${query}`, {
            method: "POST",
            headers: { "content-type": "text/xml; charset=utf-8" },
            body,
            signal: AbortSignal.timeout(5000),
        });
        await res.text();
        sb.stores.outbox.addPush(sb.accountId, { ...record, httpStatus: res.status, error: null });
        sb.log.info({ event: event.name, refId: event.refId, status: res.status }, "sandbox pushed job event");
    }
    catch (err) {
        const error = err instanceof Error ? err.message : String(err);
        sb.stores.outbox.addPush(sb.accountId, { ...record, httpStatus: null, error });
        sb.log.warn({ event: event.name, refId: event.refId, error }, "sandbox could not push job event");
    }
}
//# sourceMappingURL=job-events.js.map