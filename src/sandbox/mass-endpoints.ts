import { dayjs, DEFAULT_TIMEZONE, startOfLocalDay } from "../time";
import { draftInBox } from "./draft-endpoints";
import { finishMassSend } from "./finish-jobs";
import { holdForApproval } from "./mass-approval";
import { reject, type EndpointSpec, type Sandbox } from "./sandbox-context";

const DAY_MS = 86_400_000;
/** clientmsgid repeats: 45065 within 24 h (with the msg_id), 45066 within a minute (protocol §5.5). */
const CLIENTMSGID_TOO_FAST_MS = 60_000;
/** "接口每分钟最多调用 60 次" for sendall (Batch_Sends doc; protocol §5.5): the 61st within a minute answers 45011. */
const SENDALL_PER_MINUTE = 60;

/** Counts this sendall in the sliding minute; refuses it with 45011 when 60 came in the last 60 s. */
function checkMinuteLimit(sb: Sandbox, now: number): void {
  const recent = sb.recentSendAlls.filter((t) => now - t < 60_000);
  if (recent.length >= SENDALL_PER_MINUTE) {
    sb.recentSendAlls.splice(0, sb.recentSendAlls.length, ...recent);
    reject(45011);
  }
  recent.push(now);
  sb.recentSendAlls.splice(0, sb.recentSendAlls.length, ...recent.slice(-SENDALL_PER_MINUTE));
}

/**
 * 订阅号: 1 sendall a (Beijing) day. 服务号: 4 a month, and to-all at most once a day.
 * (doc:svc/guide/product/message/Batch_Sends.html; protocol §5.5). Simplified per account.
 */
function hasQuota(sb: Sandbox, isToAll: boolean, now: Date): boolean {
  const end = now.getTime() + 1;
  const today = sb.stores.jobs.sendAllsBetween(sb.accountId, startOfLocalDay(now).getTime(), end);
  if (sb.settings.accountType === "subscription") return today.length < 1;
  const monthStart = dayjs(now).tz(DEFAULT_TIMEZONE).startOf("month").valueOf();
  if (sb.stores.jobs.sendAllsBetween(sb.accountId, monthStart, end).length >= 4) return false;
  return !(isToAll && today.some((s) => s.isToAll));
}

/** mpnews (a draft still in the box) or text; anything else 40008. */
function readMessage(sb: Sandbox, body: Record<string, unknown>): { msgtype: string; mediaId: string | null } {
  const part = (name: string) => (body[name] ?? {}) as Record<string, unknown>;
  if (body.msgtype === "mpnews") return { msgtype: "mpnews", mediaId: draftInBox(sb, part("mpnews").media_id).mediaId };
  if (body.msgtype === "text") {
    if (typeof part("text").content !== "string" || part("text").content === "") reject(44004);
    return { msgtype: "text", mediaId: null };
  }
  return reject(40008);
}

const asWireId = (id: string) => Number(id);

/** POST /cgi-bin/message/mass/sendall → {errcode 0, msg_id, msg_data_id}; MASSSENDJOBFINISH after jobDelayMs. */
export const massSendAllEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/message/mass/sendall",
  verifiedOnly: true,
  async handle(req) {
    const body = await req.json();
    const now = req.now.getTime();
    checkMinuteLimit(sb, now);
    const clientMsgId = body.clientmsgid;
    if (clientMsgId !== undefined) {
      if (typeof clientMsgId !== "string" || Buffer.byteLength(clientMsgId) > 64) reject(45067);
      const earlier = sb.stores.jobs.findByClientMsgId(sb.accountId, clientMsgId, now - DAY_MS);
      if (earlier && now - earlier.createdAt < CLIENTMSGID_TOO_FAST_MS) reject(45066);
      if (earlier) reject(45065, { msg_id: asWireId(earlier.msgId) });
    }
    const filter = (body.filter ?? {}) as Record<string, unknown>;
    const isToAll = filter.is_to_all === true;
    if (!isToAll && typeof filter.tag_id !== "number") reject(47001, { hint: "filter needs is_to_all:true or a tag_id" });
    const { msgtype, mediaId } = readMessage(sb, body);
    if (isToAll) holdForApproval(sb, { clientMsgId: (clientMsgId as string | undefined) ?? null, mediaId, body }, now);
    if (!hasQuota(sb, isToAll, req.now)) reject(45028);
    const ids = sb.stores.jobs.addMassSend(
      sb.accountId,
      { kind: "sendall", clientMsgId: (clientMsgId as string | undefined) ?? null, isToAll, msgtype, mediaId, request: body },
      now,
    );
    if (mediaId !== null) sb.stores.content.setDraftStatus(sb.accountId, mediaId, "mass_sent", now);
    sb.later(sb.settings.jobDelayMs, () => finishMassSend(sb, ids.msgId));
    const reply: Record<string, unknown> = { errcode: 0, errmsg: "send job submission success", msg_id: asWireId(ids.msgId) };
    if (ids.msgDataId !== null) reply.msg_data_id = asWireId(ids.msgDataId);
    return reply;
  },
});

/** POST /cgi-bin/message/mass/preview {touser, msgtype, …} → {errcode 0, msg_id}; the draft stays in the box. */
export const massPreviewEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/message/mass/preview",
  async handle(req) {
    const body = await req.json();
    if (typeof body.touser !== "string" && typeof body.towxname !== "string") reject(40003);
    const { msgtype, mediaId } = readMessage(sb, body);
    const ids = sb.stores.jobs.addMassSend(
      sb.accountId,
      { kind: "preview", clientMsgId: null, isToAll: false, msgtype, mediaId, request: body },
      req.now.getTime(),
    );
    sb.stores.jobs.finishMassSend(sb.accountId, ids.msgId, { status: "SEND_SUCCESS", totalCount: 1 }, req.now.getTime());
    return { errcode: 0, errmsg: "preview success", msg_id: asWireId(ids.msgId) };
  },
});

/** POST /cgi-bin/message/mass/get {msg_id} → {msg_id, msg_status}; 40059 for an unknown id. */
export const massGetEndpoint = (sb: Sandbox): EndpointSpec => ({
  method: "POST",
  path: "/cgi-bin/message/mass/get",
  async handle(req) {
    const msgId = String((await req.json()).msg_id ?? "");
    let send = sb.stores.jobs.findMassSend(sb.accountId, msgId);
    if (!send || send.kind !== "sendall") reject(40059);
    if (send.status === "SENDING" && req.now.getTime() - send.createdAt >= sb.settings.jobDelayMs) {
      await finishMassSend(sb, msgId);
      send = sb.stores.jobs.findMassSend(sb.accountId, msgId)!;
    }
    return { msg_id: asWireId(send.msgId), msg_status: send.status };
  },
});
