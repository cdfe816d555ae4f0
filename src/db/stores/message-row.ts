import type { InboundMessage } from "../../wechat/types";

/** Ordinary messages (not events) open WeChat's 48 h customer-service window. */
export const EVENT_TYPES = new Set([
  "subscribe",
  "unsubscribe",
  "scan",
  "click",
  "view",
  "location_report",
  "mass_send_finished",
  "publish_finished",
  "template_send_finished",
]);
/** Pushes WeChat sends on its own behalf (job results): not a youth's interaction. */
export const SYSTEM_TYPES = new Set(["mass_send_finished", "publish_finished", "template_send_finished"]);

/** The human-readable gist of a push, for the message log and search. */
export function contentOf(m: InboundMessage): string | null {
  switch (m.type) {
    case "text":
      return m.content;
    case "voice":
      return m.recognition ?? null;
    case "link":
      return `${m.title} ${m.url}`;
    case "location":
      return m.label;
    case "image":
      return m.picUrl;
    case "click":
      return m.key;
    case "view":
      return m.url;
    case "mass_send_finished":
      return `${m.msgId} ${m.status}`;
    case "publish_finished":
      return `${m.publishId} ${m.publishStatus}`;
    case "template_send_finished":
      return `${m.msgId} ${m.status}`;
    case "unknown":
      return m.event ?? m.msgType;
    default:
      return null;
  }
}

export function sceneOf(m: InboundMessage): string | null {
  if (m.type === "subscribe") return m.sceneId ?? null;
  if (m.type === "scan") return m.sceneId;
  return null;
}

