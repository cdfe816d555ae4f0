import { z } from "zod";
import { WeChatApiError } from "../../errors";
import { CLIENTMSGID_EXISTS_ERRCODE } from "../api-errcodes";
import { parseWire, wireId, type ApiCall } from "../api-types";
import type { Clock } from "../../time";

const SENDALL = "/cgi-bin/message/mass/sendall";
const PREVIEW = "/cgi-bin/message/mass/preview";
const GET = "/cgi-bin/message/mass/get";

/** What a mass send carries: a draft (its media_id) or plain text. */
export type MassMessage = { type: "mpnews"; mediaId: string } | { type: "text"; content: string };

export interface SendAllParams {
  message: MassMessage;
  /** true (default): every follower, and the message enters the history list. false: tagId. */
  toAll?: boolean;
  tagId?: number;
  /** Continue as a reprint when an article matches a registered original that allows it. */
  sendIgnoreReprint?: boolean;
  /** ≤ 64 bytes (keep ≤ 32 ASCII); WeChat refuses a repeat within 24 h with 45065 + the msg_id. */
  clientMsgId?: string;
}

export interface MassSubmitted {
  msgId: string;
  /** Present for mpnews: the id datacube's article stats use ("<msg_data_id>_<idx>"). */
  msgDataId?: string;
  /** true when WeChat answered 45065: this clientmsgid was already sent; reconcile with get(msgId). */
  alreadySent: boolean;
}

/** SEND_SUCCESS | SENDING | SEND_FAIL | DELETE. */
export interface MassState {
  msgId: string;
  status: string;
}

function wireMessage(message: MassMessage): Record<string, unknown> {
  return message.type === "mpnews"
    ? { msgtype: "mpnews", mpnews: { media_id: message.mediaId } }
    : { msgtype: "text", text: { content: message.content } };
}

const sendResponse = z.object({ msg_id: wireId, msg_data_id: wireId.optional() });
const previewResponse = z.object({ msg_id: wireId.optional() });
const getResponse = z.object({ msg_id: wireId, msg_status: z.string() });

/** sendall "每分钟最多调用 60 次" (Batch_Sends doc; platform-2025.md §4; protocol §5.5). */
export const SENDALL_PER_MINUTE = 60;

export interface MassPacing {
  clock: Clock;
  sleep(ms: number): Promise<void>;
}

/**
 * Keeps sendall under 60 requests in any 60 s: the 61st waits for the oldest to leave the
 * window instead of failing with 45011. One window per API client (per process); it holds at most
 * 60 timestamps. Without pacing (tests of the wire shape) every call goes at once.
 */
function minutePacer(pacing: MassPacing | undefined) {
  const sent: number[] = [];
  /** undefined when the call may go at once (no extra tick before the request); else a wait. */
  return (): Promise<void> | undefined => {
    if (!pacing) return undefined;
    const now = pacing.clock.now().getTime();
    if (sent.length < SENDALL_PER_MINUTE || sent[0]! + 60_000 <= now) {
      if (sent.length >= SENDALL_PER_MINUTE) sent.shift();
      sent.push(now);
      return undefined;
    }
    const oldest = sent.shift()!;
    // Our slot is when the oldest leaves the window (a fixed test clock does not move while we "sleep").
    sent.push(oldest + 60_000);
    return pacing.sleep(oldest + 60_000 - now);
  };
}

/** 群发: pushed to followers, quota-limited (订阅号 1 a day, 服务号 4 a month; protocol §5.5). */
export function massEndpoints(call: ApiCall, pacing?: MassPacing) {
  const pace = minutePacer(pacing);
  return {
    /**
     * message/mass/sendall. Quota errors (45028) and permission errors (48001) surface at once.
     * -1 is retried only with a clientMsgId: a repeat then answers 45065, which we read as "sent".
     */
    async sendAll(params: SendAllParams): Promise<MassSubmitted> {
      const toAll = params.toAll ?? true;
      const json: Record<string, unknown> = {
        filter: toAll ? { is_to_all: true } : { is_to_all: false, tag_id: params.tagId },
        ...wireMessage(params.message),
        send_ignore_reprint: params.sendIgnoreReprint ? 1 : 0,
      };
      if (params.clientMsgId !== undefined) json.clientmsgid = params.clientMsgId;
      const wait = pace();
      if (wait) await wait;
      try {
        const body = await call({ path: SENDALL, method: "POST", json, retryOnBusy: params.clientMsgId !== undefined });
        const wire = parseWire(sendResponse, body, SENDALL);
        const sent: MassSubmitted = { msgId: wire.msg_id, alreadySent: false };
        if (wire.msg_data_id !== undefined) sent.msgDataId = wire.msg_data_id;
        return sent;
      } catch (err) {
        if (err instanceof WeChatApiError && err.errcode === CLIENTMSGID_EXISTS_ERRCODE && err.body.msg_id !== undefined) {
          return { msgId: parseWire(sendResponse, err.body, SENDALL).msg_id, alreadySent: true };
        }
        throw err;
      }
    },

    /** message/mass/preview: sends the message to one follower (e.g. the editor) to check it on a phone. */
    async preview(params: { toOpenId: string; message: MassMessage }): Promise<{ msgId?: string }> {
      const json = { touser: params.toOpenId, ...wireMessage(params.message) };
      const body = await call({ path: PREVIEW, method: "POST", json, retryOnBusy: false });
      const wire = parseWire(previewResponse, body, PREVIEW);
      return wire.msg_id === undefined ? {} : { msgId: wire.msg_id };
    },

    /** message/mass/get: the send's status (40059 for an unknown msg_id). */
    async get(msgId: string): Promise<MassState> {
      const body = await call({ path: GET, method: "POST", json: { msg_id: msgId }, retryOnBusy: true });
      const wire = parseWire(getResponse, body, GET);
      return { msgId: wire.msg_id, status: wire.msg_status };
    },
  };
}
