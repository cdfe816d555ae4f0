"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseReply = parseReply;
const message_crypto_1 = require("./message-crypto");
const read_xml_1 = require("./read-xml");
function readSync(xml) {
    try {
        return (0, read_xml_1.readXml)(xml);
    }
    catch (err) {
        throw new Error("wechat: reply is not WeChat XML", { cause: err });
    }
}
const str = (n, k) => (typeof n[k] === "string" ? n[k] : "");
const child = (n, k) => (typeof n[k] === "object" && n[k] !== null ? n[k] : {});
/**
 * Reads a passive reply as a youth's WeChat client would (CLI `send`, dashboard "try the bot").
 * Decrypts 安全模式 envelopes with `aesKey`. Returns null for `success` / an empty body.
 */
function parseReply(body, aesKey) {
    const t = body.trim();
    if (t === "" || t === "success")
        return null;
    let x = readSync(t);
    if (typeof x["Encrypt"] === "string") {
        if (!aesKey)
            throw new Error("wechat: the reply is encrypted and no AES key was given");
        x = readSync((0, message_crypto_1.decryptMessage)(x["Encrypt"], aesKey).xml);
    }
    switch (str(x, "MsgType")) {
        case "text":
            return { type: "text", content: str(x, "Content") };
        case "image":
            return { type: "image", mediaId: str(child(x, "Image"), "MediaId") };
        case "voice":
            return { type: "voice", mediaId: str(child(x, "Voice"), "MediaId") };
        case "video": {
            const v = child(x, "Video");
            return { type: "video", mediaId: str(v, "MediaId"), title: str(v, "Title"), description: str(v, "Description") };
        }
        case "music": {
            const m = child(x, "Music");
            return { type: "music", title: str(m, "Title"), description: str(m, "Description"), musicUrl: str(m, "MusicUrl") };
        }
        case "news": {
            const items = child(x, "Articles")["item"];
            const list = (Array.isArray(items) ? items : items ? [items] : []);
            const articles = list.map((i) => ({
                title: str(i, "Title"),
                description: str(i, "Description"),
                picUrl: str(i, "PicUrl"),
                url: str(i, "Url"),
            }));
            return { type: "news", articles };
        }
        case "transfer_customer_service":
            return { type: "transfer_customer_service" };
        default:
            throw new Error(`wechat: unknown reply MsgType "${str(x, "MsgType")}"`);
    }
}
//# sourceMappingURL=parse-reply.js.map