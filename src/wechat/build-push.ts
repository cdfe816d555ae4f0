import { randomInt } from "node:crypto";
import { computeSignature } from "./verify-signature";
import { encryptMessage } from "./message-crypto";

/** What a simulated youth does: the CLI's `send`, the dashboard's "try the bot", and tests. */
export type SimulatedAction =
  | { kind: "text"; content: string; msgId?: string }
  | { kind: "subscribe"; sceneId?: string }
  | { kind: "unsubscribe" }
  | { kind: "click"; key: string }
  | { kind: "scan"; sceneId: string };

export interface PushTarget {
  token: string;
  originalId: string;
  /** Encrypt as 安全模式 does (needs appId and aesKey). */
  encrypt: boolean;
  appId?: string | undefined;
  aesKey?: Buffer | undefined;
}

export interface BuiltPush {
  /** Query string (without "?") WeChat would put on the URL. */
  query: string;
  body: string;
  timestamp: string;
  nonce: string;
}

const cdata = (v: string) => `<![CDATA[${v.replace(/]]>/g, "]]]]><![CDATA[>")}]]>`;

/** Inbound XML exactly as WeChat's push servers write it (接收普通消息 / 接收事件推送 docs). */
export function inboundXml(action: SimulatedAction, openId: string, originalId: string, createTime: number): string {
  const head =
    `<xml><ToUserName>${cdata(originalId)}</ToUserName><FromUserName>${cdata(openId)}</FromUserName>` +
    `<CreateTime>${createTime}</CreateTime>`;
  switch (action.kind) {
    case "text":
      return (
        head +
        `<MsgType>${cdata("text")}</MsgType><Content>${cdata(action.content)}</Content>` +
        `<MsgId>${action.msgId ?? `${createTime}${randomInt(100000000, 999999999)}`}</MsgId></xml>`
      );
    case "subscribe":
      return (
        head +
        `<MsgType>${cdata("event")}</MsgType><Event>${cdata("subscribe")}</Event>` +
        (action.sceneId ? `<EventKey>${cdata(`qrscene_${action.sceneId}`)}</EventKey>` : "") +
        "</xml>"
      );
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
export function buildPush(action: SimulatedAction, openId: string, target: PushTarget, now: Date): BuiltPush {
  const timestamp = String(Math.floor(now.getTime() / 1000));
  const nonce = String(randomInt(100000000, 2147483647));
  const xml = inboundXml(action, openId, target.originalId, Number(timestamp));
  const q = new URLSearchParams({ signature: computeSignature(target.token, timestamp, nonce), timestamp, nonce, openid: openId });
  if (!target.encrypt) return { query: q.toString(), body: xml, timestamp, nonce };
  if (!target.appId || !target.aesKey) throw new Error("wechat: buildPush needs appId and aesKey to encrypt");
  const encrypt = encryptMessage(xml, target.aesKey, target.appId);
  q.set("encrypt_type", "aes");
  q.set("msg_signature", computeSignature(target.token, timestamp, nonce, encrypt));
  const body = `<xml><ToUserName>${cdata(target.originalId)}</ToUserName><Encrypt>${cdata(encrypt)}</Encrypt></xml>`;
  return { query: q.toString(), body, timestamp, nonce };
}
