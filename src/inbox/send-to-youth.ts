import type { CustomerSendStore } from "../db/stores/customer-send-store";
import { WeChatApiError } from "../errors";
import { hashOpenId, type Logger } from "../logger";
import type { Clock } from "../time";
import { customSendRefusal } from "../wechat/api-errcodes";
import type { CustomMessage } from "../wechat/endpoints/custom";
import { replyWindow, windowClosedReason, type ReplyWindow } from "./reply-window";

export interface SendToYouthDeps {
  sends: CustomerSendStore;
  clock: Clock;
  log: Logger;
  /** config.wechat.verified: unverified accounts get 48001 from custom/send, so it is not called. */
  verified: boolean;
  /** The customer-service API (deps.wechat.custom.send). */
  send: (openId: string, message: CustomMessage) => Promise<void>;
}

/** How a send went: out now; held for the youth's next message (with the reason in Chinese); or unknown. */
export type SendResult =
  | { kind: "sent" }
  | { kind: "held"; reason: string; errcode?: number }
  | { kind: "uncertain"; detail: string };

export interface SendRequest {
  accountId: string;
  openId: string;
  message: CustomMessage;
  source: "qa" | "inbox";
  ref?: string;
  by?: string;
}

/** The youth's window now, as every sender sees it. */
export function windowFor(deps: Pick<SendToYouthDeps, "sends" | "clock">, accountId: string, openId: string): ReplyWindow {
  return replyWindow(deps.sends.windowFacts(accountId, openId), deps.clock.now());
}

/** A send that WeChat answered with an errcode never reached the youth; one that got no answer may have. */
function classify(err: unknown): { kind: "refused"; errcode: number | undefined; detail: string } | { kind: "uncertain"; detail: string } {
  const detail = err instanceof Error ? err.message : String(err);
  if (err instanceof WeChatApiError) return { kind: "refused", errcode: err.errcode, detail };
  // No connection was made, or the token could not be had: the message was certainly not sent.
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN|stable_token|\/cgi-bin\/token/.test(detail)) return { kind: "refused", errcode: undefined, detail };
  return { kind: "uncertain", detail };
}

/**
 * The one way a customer-service message leaves: ask the window (inbox/reply-window.ts), send,
 * record the send (it counts against the window) or WeChat's refusal (45015 closes the window,
 * 45047 uses it up: our records follow WeChat's word). A held message is the caller's to keep
 * and deliver with the youth's next message.
 */
export async function sendToYouth(deps: SendToYouthDeps, r: SendRequest): Promise<SendResult> {
  const window = windowFor(deps, r.accountId, r.openId);
  if (!window.open) return { kind: "held", reason: windowClosedReason(window) };
  if (!deps.verified) return { kind: "held", reason: "公众号未认证，客服消息会被微信拒绝（48001），等青年下次发消息时送达" };
  const record = (outcome: Parameters<CustomerSendStore["record"]>[0]["outcome"], errcode?: number) =>
    deps.sends.record({ accountId: r.accountId, openId: r.openId, at: deps.clock.now(), outcome, errcode, source: r.source, ref: r.ref, by: r.by });
  try {
    await deps.send(r.openId, r.message);
  } catch (err) {
    const c = classify(err);
    deps.log.warn({ user: hashOpenId(r.openId), source: r.source, outcome: c.kind, errcode: c.kind === "refused" ? c.errcode : undefined }, "customer-service send failed");
    if (c.kind === "uncertain") {
      record("uncertain");
      return { kind: "uncertain", detail: c.detail };
    }
    const refusal = customSendRefusal(c.errcode);
    record(refusal === "closed" ? "refused_closed" : refusal === "used_up" ? "refused_used_up" : "refused_other", c.errcode);
    const reason =
      refusal === "closed"
        ? "微信答复 45015：客服消息窗口已关闭（或青年已取消关注），等青年下次发消息时送达"
        : refusal === "used_up"
          ? "微信答复 45047：本次窗口的客服消息条数已用完，等青年下次发消息时送达"
          : `微信拒绝发送（${c.errcode ?? "未连接"}：${c.detail.slice(0, 120)}），等青年下次发消息时送达`;
    return { kind: "held", reason, ...(c.errcode === undefined ? {} : { errcode: c.errcode }) };
  }
  record("sent");
  return { kind: "sent" };
}
