import type { InboundMessage } from "../wechat/types";

/** What a follower's "绑定 …" says: six digits, or something that is not a code yet. */
export type BindCommand = { kind: "code"; code: string } | { kind: "malformed" };

const FULL_WIDTH_DIGITS = /[０-９]/g;

/**
 * "绑定 123456", "绑定123456", "绑定：１２３ ４５６" → the code; a bare "绑定" or a wrong number of
 * digits → malformed (the reply explains the format). Text that goes on with words ("绑定银行卡怎么办")
 * is not ours: the bot and 青年之声 answer it.
 */
export function matchBindCommand(message: InboundMessage): BindCommand | null {
  if (message.type !== "text") return null;
  const m = /^绑定[\s:：]*([\d０-９\s]*)$/u.exec(message.content.trim());
  if (!m) return null;
  const digits = m[1]!.replace(FULL_WIDTH_DIGITS, (d) => String(d.charCodeAt(0) - 0xff10)).replace(/\s+/g, "");
  return /^\d{6}$/.test(digits) ? { kind: "code", code: digits } : { kind: "malformed" };
}
