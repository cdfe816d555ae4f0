import type { InboundMessage } from "../wechat/types";

/**
 * WeChat's customer-service window, by our own records: a youth's ordinary message opens 48 hours
 * (5 messages) in which the account may write to them (protocol §5.6; doc:sub/guide/product/kf/intro.md).
 * Menu clicks, follows and scans open only 1 minute, too short for a cadre's answer, so only
 * youths.last_message_at counts here.
 */
export const REPLY_WINDOW_MS = 48 * 3600_000;

export interface ReplyWindow {
  open: boolean;
  /** When it closes (or closed); null when the youth never sent a message we recorded. */
  closesAt: Date | null;
  /** Milliseconds left, 0 once closed. */
  msLeft: number;
}

export function replyWindow(lastMessageAt: Date | null, now: Date): ReplyWindow {
  if (lastMessageAt === null) return { open: false, closesAt: null, msLeft: 0 };
  const closesAt = new Date(lastMessageAt.getTime() + REPLY_WINDOW_MS);
  const msLeft = Math.max(0, closesAt.getTime() - now.getTime());
  return { open: msLeft > 0, closesAt, msLeft };
}

/** "31小时12分" / "12分" / "已关闭", for staff. */
export function formatWindowLeft(w: ReplyWindow): string {
  if (!w.open) return "已关闭";
  const minutes = Math.floor(w.msLeft / 60_000);
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return h > 0 ? `${h}小时${m}分` : `${m}分`;
}

/**
 * What, in a push, opens WeChat's customer-service window (platform-2025.md §1g): a youth's own
 * message (5 messages within 48 h), or a follow, menu click or scan (3 within 1 minute).
 * Undefined for everything else (unfollow, VIEW, location reports, job results).
 */
export function windowOpenerOf(m: InboundMessage): "message" | "click" | "subscribe" | "scan" | undefined {
  switch (m.type) {
    case "subscribe":
    case "scan":
    case "click":
      return m.type;
    case "text":
    case "image":
    case "voice":
    case "video":
    case "shortvideo":
    case "location":
    case "link":
      return "message";
    default:
      return undefined;
  }
}
