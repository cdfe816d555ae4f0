"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.parseMessage = parseMessage;
const errors_1 = require("../errors");
const read_xml_1 = require("./read-xml");
/**
 * Inbound XML → InboundMessage, the only place that knows WeChat's push field names.
 * Field lists: 接收普通消息 and 接收事件推送 docs, 自定义菜单事件推送 (MenuId), freepublish_submit
 * (PublishEventInfo), 群发 (MASSSENDJOBFINISH), 模板消息 (TEMPLATESENDJOBFINISH); see
 * shared/research/wechat-protocol.md §2. Anything we do not model, or a modelled type without the
 * fields that make it usable, becomes `unknown` (DESIGN rule 2): logged, answered with `success`.
 */
const REQUIRED = ["ToUserName", "FromUserName", "CreateTime", "MsgType"];
/**
 * Unix seconds as WeChat sends them: an unsigned 32-bit value (to 2106). Anything longer, negative
 * or beyond 2^32 is refused before it reaches the log: a CreateTime of 10^20 once became NULL in
 * SQLite and rolled back the other pushes of its batch (issue 12, defect 2).
 */
const CREATE_TIME_RE = /^\d{1,10}$/;
const MAX_CREATE_TIME = 2 ** 32 - 1;
/**
 * Longest ids we accept. OpenIDs are 28 characters, original ids 15, MsgIds up to 20 digits
 * (a 64-bit value); the caps leave room and keep one push's row small.
 */
const MAX_LENGTH = { ToUserName: 64, FromUserName: 128, MsgType: 32, Event: 64, MsgId: 64, MsgID: 64 };
function text(element, name) {
    return (0, read_xml_1.childText)(element, name) ?? "";
}
/** Ids are kept as strings (MsgId exceeds 2^53); surrounding whitespace is not part of them. */
function id(element, name) {
    const value = (0, read_xml_1.childText)(element, name)?.trim();
    return value === undefined || value === "" ? undefined : value;
}
function num(element, name) {
    const value = (0, read_xml_1.childText)(element, name);
    if (value === undefined || value.trim() === "")
        return undefined;
    const n = Number(value);
    return Number.isFinite(n) ? n : undefined;
}
function children(element, name) {
    const value = element?.[name];
    if (value === undefined || typeof value === "string")
        return [];
    if (!Array.isArray(value))
        return [value];
    return value.filter((v) => typeof v !== "string");
}
function texts(element, name) {
    const value = element?.[name];
    if (typeof value === "string")
        return [value];
    if (!Array.isArray(value))
        return [];
    return value.filter((v) => typeof v === "string");
}
/**
 * Events collapse by FromUserName+CreateTime (Passive_user_reply_message doc); Event and EventKey
 * keep different events of the same second apart (WxJava WxMpMessageRouter.isMsgDuplicated).
 */
function eventDedupKey({ root, head, createTime }, event) {
    return `e:${head.openId}:${createTime}:${event}:${text(root, "EventKey")}`;
}
/** The message variants; undefined when a required field is absent (→ unknown). */
function parseUserMessage(push, msgType) {
    const { root, head } = push;
    const msgId = id(root, "MsgId");
    if (msgId === undefined)
        return undefined;
    const dedupKey = `m:${msgId}`;
    if (msgType === "text") {
        // Nearly every push: spelled out, as spreading into a literal copies property by property.
        const { accountOriginalId, openId, createdAt } = head;
        return { type: "text", accountOriginalId, openId, createdAt, msgId, dedupKey, content: text(root, "Content") };
    }
    const base = { ...head, msgId, dedupKey };
    switch (msgType) {
        case "image":
            return { type: "image", ...base, picUrl: text(root, "PicUrl"), mediaId: text(root, "MediaId") };
        case "voice": {
            const recognition = (0, read_xml_1.childText)(root, "Recognition");
            return {
                type: "voice",
                ...base,
                mediaId: text(root, "MediaId"),
                format: text(root, "Format"),
                ...(recognition === undefined ? {} : { recognition }),
            };
        }
        case "video":
        case "shortvideo":
            return { type: msgType, ...base, mediaId: text(root, "MediaId"), thumbMediaId: text(root, "ThumbMediaId") };
        case "location": {
            const latitude = num(root, "Location_X");
            const longitude = num(root, "Location_Y");
            if (latitude === undefined || longitude === undefined)
                return undefined;
            return { type: "location", ...base, latitude, longitude, scale: num(root, "Scale") ?? 0, label: text(root, "Label") };
        }
        case "link":
            return { type: "link", ...base, title: text(root, "Title"), description: text(root, "Description"), url: text(root, "Url") };
        default:
            return undefined;
    }
}
/** Article URLs of a MASSSENDJOBFINISH: ArticleUrlResult/ResultList/item/ArticleUrl. */
function massArticleUrls(root) {
    const resultList = children(root, "ArticleUrlResult")[0];
    return children(children(resultList, "ResultList")[0], "item")
        .map((item) => text(item, "ArticleUrl"))
        .filter((url) => url !== "");
}
/** PUBLISHJOBFINISH (the doc's example also says FREEPUBLISHJOBFINISH): PublishEventInfo. */
function parsePublishFinished({ root, head }) {
    const info = children(root, "PublishEventInfo")[0];
    const publishId = id(info, "publish_id");
    const publishStatus = num(info, "publish_status");
    if (publishId === undefined || publishStatus === undefined)
        return undefined;
    const articleId = (0, read_xml_1.childText)(info, "article_id");
    return {
        type: "publish_finished",
        ...head,
        dedupKey: `e:PUBLISHJOBFINISH:${publishId}`,
        publishId,
        publishStatus,
        ...(articleId === undefined || articleId === "" ? {} : { articleId }),
        articleUrls: children(children(info, "article_detail")[0], "item")
            .map((item) => text(item, "article_url"))
            .filter((url) => url !== ""),
        failIdx: texts(info, "fail_idx")
            .map(Number)
            .filter((n) => Number.isInteger(n)),
    };
}
function parseEvent(push, event) {
    const { root, head } = push;
    // Case-insensitive: subscribe/unsubscribe arrive lowercase, CLICK/VIEW/SCAN/LOCATION uppercase.
    switch (event.toUpperCase()) {
        case "SUBSCRIBE": {
            const eventKey = text(root, "EventKey");
            const ticket = text(root, "Ticket");
            // Parametric QR codes send EventKey "qrscene_<scene>" on subscribe, the bare scene on SCAN.
            const sceneId = eventKey.startsWith("qrscene_") ? eventKey.slice("qrscene_".length) : eventKey;
            return {
                type: "subscribe",
                ...head,
                dedupKey: eventDedupKey(push, event),
                ...(sceneId === "" ? {} : { sceneId }),
                ...(ticket === "" ? {} : { ticket }),
            };
        }
        case "UNSUBSCRIBE":
            return { type: "unsubscribe", ...head, dedupKey: eventDedupKey(push, event) };
        case "SCAN": {
            const ticket = text(root, "Ticket");
            return {
                type: "scan",
                ...head,
                dedupKey: eventDedupKey(push, event),
                sceneId: text(root, "EventKey"),
                ...(ticket === "" ? {} : { ticket }),
            };
        }
        case "CLICK":
            return { type: "click", ...head, dedupKey: eventDedupKey(push, event), key: text(root, "EventKey") };
        case "VIEW": {
            const menuId = id(root, "MenuId");
            return {
                type: "view",
                ...head,
                dedupKey: eventDedupKey(push, event),
                url: text(root, "EventKey"),
                ...(menuId === undefined ? {} : { menuId }),
            };
        }
        case "LOCATION": {
            const latitude = num(root, "Latitude");
            const longitude = num(root, "Longitude");
            if (latitude === undefined || longitude === undefined)
                return undefined;
            return {
                type: "location_report",
                ...head,
                dedupKey: eventDedupKey(push, event),
                latitude,
                longitude,
                precision: num(root, "Precision") ?? 0,
            };
        }
        case "MASSSENDJOBFINISH": {
            // The old freepublish prose named this event for publish results too: honour PublishEventInfo.
            if (root["PublishEventInfo"] !== undefined && root["MsgID"] === undefined)
                return parsePublishFinished(push);
            // MsgID with a capital D here (silenceper message.go); accept MsgId as WxJava does.
            const msgId = id(root, "MsgID") ?? id(root, "MsgId");
            if (msgId === undefined)
                return undefined;
            return {
                type: "mass_send_finished",
                ...head,
                dedupKey: `e:MASSSENDJOBFINISH:${msgId}`,
                msgId,
                status: text(root, "Status"),
                totalCount: num(root, "TotalCount") ?? 0,
                filterCount: num(root, "FilterCount") ?? 0,
                sentCount: num(root, "SentCount") ?? 0,
                errorCount: num(root, "ErrorCount") ?? 0,
                articleUrls: massArticleUrls(root),
            };
        }
        case "PUBLISHJOBFINISH":
        case "FREEPUBLISHJOBFINISH":
            return parsePublishFinished(push);
        case "TEMPLATESENDJOBFINISH": {
            const msgId = id(root, "MsgID") ?? id(root, "MsgId");
            if (msgId === undefined)
                return undefined;
            return {
                type: "template_send_finished",
                ...head,
                dedupKey: `e:TEMPLATESENDJOBFINISH:${msgId}`,
                msgId,
                status: text(root, "Status"),
            };
        }
        default:
            return undefined;
    }
}
function unknownMessage(push, msgType, event) {
    const { root, head } = push;
    const fields = {};
    for (const name of Object.keys(root)) {
        const value = (0, read_xml_1.childText)(root, name);
        if (value !== undefined)
            fields[name] = value;
    }
    const messageId = id(root, "MsgId");
    const msgId = messageId ?? id(root, "MsgID");
    const dedupKey = event === undefined && messageId !== undefined ? `m:${messageId}` : eventDedupKey(push, event ?? msgType);
    return {
        type: "unknown",
        ...head,
        dedupKey,
        msgType,
        ...(event === undefined ? {} : { event }),
        ...(msgId === undefined ? {} : { msgId }),
        fields,
    };
}
/**
 * Parses a plaintext push (or the decrypted inner XML of an encrypted one). Throws
 * RequestError("malformed_xml", 400) for an empty or non-XML body, a root other than `<xml>`, or a
 * missing ToUserName/FromUserName/CreateTime/MsgType; never throws for types we do not model.
 */
function parseMessage(xml) {
    const root = (0, read_xml_1.readXml)(xml);
    const to = id(root, "ToUserName");
    const from = id(root, "FromUserName");
    const createTime = id(root, "CreateTime");
    const msgType = id(root, "MsgType");
    if (to === undefined || from === undefined || createTime === undefined || msgType === undefined) {
        const missing = REQUIRED.filter((name) => id(root, name) === undefined);
        throw new errors_1.RequestError("malformed_xml", `wechat: malformed XML: missing ${missing.join(", ")}`, 400);
    }
    if (!CREATE_TIME_RE.test(createTime) || Number(createTime) > MAX_CREATE_TIME) {
        throw new errors_1.RequestError("malformed_xml", `wechat: malformed XML: CreateTime "${createTime.slice(0, 24)}" is not Unix seconds`, 400);
    }
    for (const [name, max] of Object.entries(MAX_LENGTH)) {
        const value = (0, read_xml_1.childText)(root, name);
        if (value !== undefined && value.length > max) {
            throw new errors_1.RequestError("malformed_xml", `wechat: malformed XML: ${name} is longer than ${max} characters`, 400);
        }
    }
    const push = {
        root,
        head: { accountOriginalId: to, openId: from, createdAt: new Date(Number(createTime) * 1000) },
        createTime,
    };
    if (msgType.toLowerCase() === "event") {
        const event = id(root, "Event") ?? "";
        return (event === "" ? undefined : parseEvent(push, event)) ?? unknownMessage(push, msgType, event);
    }
    return parseUserMessage(push, msgType.toLowerCase()) ?? unknownMessage(push, msgType, undefined);
}
//# sourceMappingURL=parse-message.js.map