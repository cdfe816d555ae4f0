"use strict";
Object.defineProperty(exports, "__esModule", { value: true });
exports.massGetEndpoint = exports.massPreviewEndpoint = exports.massSendAllEndpoint = void 0;
const time_1 = require("../time");
const draft_endpoints_1 = require("./draft-endpoints");
const finish_jobs_1 = require("./finish-jobs");
const sandbox_context_1 = require("./sandbox-context");
const DAY_MS = 86_400_000;
/** clientmsgid repeats: 45065 within 24 h (with the msg_id), 45066 within a minute (protocol §5.5). */
const CLIENTMSGID_TOO_FAST_MS = 60_000;
/**
 * 订阅号: 1 sendall a (Beijing) day. 服务号: 4 a month, and to-all at most once a day.
 * (doc:svc/guide/product/message/Batch_Sends.html; protocol §5.5). Simplified per account.
 */
function hasQuota(sb, isToAll, now) {
    const end = now.getTime() + 1;
    const today = sb.stores.jobs.sendAllsBetween(sb.accountId, (0, time_1.startOfLocalDay)(now).getTime(), end);
    if (sb.settings.accountType === "subscription")
        return today.length < 1;
    const monthStart = (0, time_1.dayjs)(now).tz(time_1.DEFAULT_TIMEZONE).startOf("month").valueOf();
    if (sb.stores.jobs.sendAllsBetween(sb.accountId, monthStart, end).length >= 4)
        return false;
    return !(isToAll && today.some((s) => s.isToAll));
}
/** mpnews (a draft still in the box) or text; anything else 40008. */
function readMessage(sb, body) {
    const part = (name) => (body[name] ?? {});
    if (body.msgtype === "mpnews")
        return { msgtype: "mpnews", mediaId: (0, draft_endpoints_1.draftInBox)(sb, part("mpnews").media_id).mediaId };
    if (body.msgtype === "text") {
        if (typeof part("text").content !== "string" || part("text").content === "")
            (0, sandbox_context_1.reject)(44004);
        return { msgtype: "text", mediaId: null };
    }
    return (0, sandbox_context_1.reject)(40008);
}
const asWireId = (id) => Number(id);
/** POST /cgi-bin/message/mass/sendall → {errcode 0, msg_id, msg_data_id}; MASSSENDJOBFINISH after jobDelayMs. */
const massSendAllEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/message/mass/sendall",
    verifiedOnly: true,
    async handle(req) {
        const body = await req.json();
        const now = req.now.getTime();
        const clientMsgId = body.clientmsgid;
        if (clientMsgId !== undefined) {
            if (typeof clientMsgId !== "string" || Buffer.byteLength(clientMsgId) > 64)
                (0, sandbox_context_1.reject)(45067);
            const earlier = sb.stores.jobs.findByClientMsgId(sb.accountId, clientMsgId, now - DAY_MS);
            if (earlier && now - earlier.createdAt < CLIENTMSGID_TOO_FAST_MS)
                (0, sandbox_context_1.reject)(45066);
            if (earlier)
                (0, sandbox_context_1.reject)(45065, { msg_id: asWireId(earlier.msgId) });
        }
        const filter = (body.filter ?? {});
        const isToAll = filter.is_to_all === true;
        if (!isToAll && typeof filter.tag_id !== "number")
            (0, sandbox_context_1.reject)(47001, { hint: "filter needs is_to_all:true or a tag_id" });
        const { msgtype, mediaId } = readMessage(sb, body);
        if (!hasQuota(sb, isToAll, req.now))
            (0, sandbox_context_1.reject)(45028);
        const ids = sb.stores.jobs.addMassSend(sb.accountId, { kind: "sendall", clientMsgId: clientMsgId ?? null, isToAll, msgtype, mediaId, request: body }, now);
        if (mediaId !== null)
            sb.stores.content.setDraftStatus(sb.accountId, mediaId, "mass_sent", now);
        sb.later(sb.settings.jobDelayMs, () => (0, finish_jobs_1.finishMassSend)(sb, ids.msgId));
        const reply = { errcode: 0, errmsg: "send job submission success", msg_id: asWireId(ids.msgId) };
        if (ids.msgDataId !== null)
            reply.msg_data_id = asWireId(ids.msgDataId);
        return reply;
    },
});
exports.massSendAllEndpoint = massSendAllEndpoint;
/** POST /cgi-bin/message/mass/preview {touser, msgtype, …} → {errcode 0, msg_id}; the draft stays in the box. */
const massPreviewEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/message/mass/preview",
    async handle(req) {
        const body = await req.json();
        if (typeof body.touser !== "string" && typeof body.towxname !== "string")
            (0, sandbox_context_1.reject)(40003);
        const { msgtype, mediaId } = readMessage(sb, body);
        const ids = sb.stores.jobs.addMassSend(sb.accountId, { kind: "preview", clientMsgId: null, isToAll: false, msgtype, mediaId, request: body }, req.now.getTime());
        sb.stores.jobs.finishMassSend(sb.accountId, ids.msgId, { status: "SEND_SUCCESS", totalCount: 1 }, req.now.getTime());
        return { errcode: 0, errmsg: "preview success", msg_id: asWireId(ids.msgId) };
    },
});
exports.massPreviewEndpoint = massPreviewEndpoint;
/** POST /cgi-bin/message/mass/get {msg_id} → {msg_id, msg_status}; 40059 for an unknown id. */
const massGetEndpoint = (sb) => ({
    method: "POST",
    path: "/cgi-bin/message/mass/get",
    async handle(req) {
        const msgId = String((await req.json()).msg_id ?? "");
        let send = sb.stores.jobs.findMassSend(sb.accountId, msgId);
        if (!send || send.kind !== "sendall")
            (0, sandbox_context_1.reject)(40059);
        if (send.status === "SENDING" && req.now.getTime() - send.createdAt >= sb.settings.jobDelayMs) {
            await (0, finish_jobs_1.finishMassSend)(sb, msgId);
            send = sb.stores.jobs.findMassSend(sb.accountId, msgId);
        }
        return { msg_id: asWireId(send.msgId), msg_status: send.status };
    },
});
exports.massGetEndpoint = massGetEndpoint;
//# sourceMappingURL=mass-endpoints.js.map