"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.massEndpoints = massEndpoints;
const zod_1 = require("zod");
const errors_1 = require("../../errors");
const api_errcodes_1 = require("../api-errcodes");
const api_types_1 = require("../api-types");
const SENDALL = "/cgi-bin/message/mass/sendall";
const PREVIEW = "/cgi-bin/message/mass/preview";
const GET = "/cgi-bin/message/mass/get";
function wireMessage(message) {
    return message.type === "mpnews"
        ? { msgtype: "mpnews", mpnews: { media_id: message.mediaId } }
        : { msgtype: "text", text: { content: message.content } };
}
const sendResponse = zod_1.z.object({ msg_id: api_types_1.wireId, msg_data_id: api_types_1.wireId.optional() });
const previewResponse = zod_1.z.object({ msg_id: api_types_1.wireId.optional() });
const getResponse = zod_1.z.object({ msg_id: api_types_1.wireId, msg_status: zod_1.z.string() });
/** 群发: pushed to followers, quota-limited (订阅号 1 a day, 服务号 4 a month; protocol §5.5). */
function massEndpoints(call) {
    return {
        /**
         * message/mass/sendall. Quota errors (45028) and permission errors (48001) surface at once.
         * -1 is retried only with a clientMsgId: a repeat then answers 45065, which we read as "sent".
         */
        async sendAll(params) {
            const toAll = params.toAll ?? true;
            const json = {
                filter: toAll ? { is_to_all: true } : { is_to_all: false, tag_id: params.tagId },
                ...wireMessage(params.message),
                send_ignore_reprint: params.sendIgnoreReprint ? 1 : 0,
            };
            if (params.clientMsgId !== undefined)
                json.clientmsgid = params.clientMsgId;
            try {
                const body = await call({ path: SENDALL, method: "POST", json, retryOnBusy: params.clientMsgId !== undefined });
                const wire = (0, api_types_1.parseWire)(sendResponse, body, SENDALL);
                const sent = { msgId: wire.msg_id, alreadySent: false };
                if (wire.msg_data_id !== undefined)
                    sent.msgDataId = wire.msg_data_id;
                return sent;
            }
            catch (err) {
                if (err instanceof errors_1.WeChatApiError && err.errcode === api_errcodes_1.CLIENTMSGID_EXISTS_ERRCODE && err.body.msg_id !== undefined) {
                    return { msgId: (0, api_types_1.parseWire)(sendResponse, err.body, SENDALL).msg_id, alreadySent: true };
                }
                throw err;
            }
        },
        /** message/mass/preview: sends the message to one follower (e.g. the editor) to check it on a phone. */
        async preview(params) {
            const json = { touser: params.toOpenId, ...wireMessage(params.message) };
            const body = await call({ path: PREVIEW, method: "POST", json, retryOnBusy: false });
            const wire = (0, api_types_1.parseWire)(previewResponse, body, PREVIEW);
            return wire.msg_id === undefined ? {} : { msgId: wire.msg_id };
        },
        /** message/mass/get: the send's status (40059 for an unknown msg_id). */
        async get(msgId) {
            const body = await call({ path: GET, method: "POST", json: { msg_id: msgId }, retryOnBusy: true });
            const wire = (0, api_types_1.parseWire)(getResponse, body, GET);
            return { msgId: wire.msg_id, status: wire.msg_status };
        },
    };
}
//# sourceMappingURL=mass.js.map