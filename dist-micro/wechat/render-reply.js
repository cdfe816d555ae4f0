"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.renderReply = renderReply;
exports.renderEncryptedReply = renderEncryptedReply;
const time_1 = require("../time");
/**
 * Passive replies (被动回复用户消息 doc, Passive_user_reply_message): the XML templates, in the element
 * order of WxJava's XML-out tests and the doc samples (shared/research/vectors/reply-*.xml).
 * Plain string concatenation: this runs on every answered push and a generic builder costs more
 * than the whole render.
 */
/** `]]>` would end the CDATA section early; XML 1.0 cannot carry C0 control characters at all. */
const NEEDS_ESCAPE_RE = /\]\]>|[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/;
const CONTROL_RE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/g;
/** Wraps a value in CDATA, splitting any `]]>` as `]]]]><![CDATA[>` (the XML spec's only way). */
function cdata(value) {
    if (NEEDS_ESCAPE_RE.test(value))
        value = value.replace(CONTROL_RE, "").replaceAll("]]>", "]]]]><![CDATA[>");
    return `<![CDATA[${value}]]>`;
}
function element(name, value) {
    return `<${name}>${cdata(value)}</${name}>`;
}
function body(reply) {
    switch (reply.type) {
        case "text":
            return element("Content", reply.content);
        case "image":
            return `<Image>${element("MediaId", reply.mediaId)}</Image>`;
        case "voice":
            return `<Voice>${element("MediaId", reply.mediaId)}</Voice>`;
        case "video":
            // Title and Description are optional in the doc (是否必须: 否); omit rather than send empty ones.
            return (`<Video>${element("MediaId", reply.mediaId)}` +
                (reply.title === undefined ? "" : element("Title", reply.title)) +
                (reply.description === undefined ? "" : element("Description", reply.description)) +
                "</Video>");
        case "music":
            // ThumbMediaId only when set (node-webot's template); order as in WxJava's test vector.
            return (`<Music>${element("Title", reply.title ?? "")}${element("Description", reply.description ?? "")}` +
                (reply.thumbMediaId === undefined ? "" : element("ThumbMediaId", reply.thumbMediaId)) +
                `${element("MusicUrl", reply.musicUrl ?? "")}${element("HQMusicUrl", reply.hqMusicUrl ?? "")}</Music>`);
        case "news": {
            // The caller decides the count: 1 when answering a user's message (45008 beyond, 2018-10-12).
            let items = "";
            for (const a of reply.articles) {
                items += `<item>${element("Title", a.title)}${element("Description", a.description)}${element("PicUrl", a.picUrl)}${element("Url", a.url)}</item>`;
            }
            return `<ArticleCount>${reply.articles.length}</ArticleCount><Articles>${items}</Articles>`;
        }
        case "transfer_customer_service":
            // 多客服: TransInfo/KfAccount routes the session to one agent; without it any agent takes it.
            return reply.kfAccount === undefined ? "" : `<TransInfo>${element("KfAccount", reply.kfAccount)}</TransInfo>`;
    }
}
/**
 * Renders a passive reply addressed to the youth (ToUserName = their OpenID) from the account
 * (FromUserName = its original id), CreateTime in Unix seconds.
 */
function renderReply(reply, envelope) {
    return (`<xml>${element("ToUserName", envelope.toOpenId)}${element("FromUserName", envelope.fromOriginalId)}` +
        `<CreateTime>${(0, time_1.unixSeconds)(envelope.createdAt)}</CreateTime><MsgType><![CDATA[${reply.type}]]></MsgType>` +
        `${body(reply)}</xml>`);
}
/**
 * The 安全模式 reply envelope (message-push doc, 回包加密): Encrypt, MsgSignature, TimeStamp (seconds),
 * Nonce, in that order.
 */
function renderEncryptedReply(args) {
    return (`<xml>${element("Encrypt", args.encrypt)}${element("MsgSignature", args.msgSignature)}` +
        `<TimeStamp>${args.timestamp}</TimeStamp>${element("Nonce", args.nonce)}</xml>`);
}
//# sourceMappingURL=render-reply.js.map