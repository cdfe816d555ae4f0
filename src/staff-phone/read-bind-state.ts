import type { StaffPhoneStore } from "../db/stores/staff-phone-store";
import type { InboundMessage } from "../wechat/types";
import { THROTTLE_WINDOW_MS, type BindState } from "./decide-bind";
import { matchBindCommand } from "./match-bind-command";

const DAY_MS = 86_400_000;

/**
 * What routing a "绑定 …" needs, read inside the push's transaction before routing; null for every
 * other push (one regex, no SQL). `writable` is false for a push answered from the journal.
 */
export function readBindState(store: StaffPhoneStore, accountId: string, message: InboundMessage, now: Date, writable = true): BindState | null {
  const command = matchBindCommand(message);
  if (!command) return null;
  if (command.kind === "malformed" || !writable) return { command, codes: [], failures: { mine: 0, all: 0 }, writable };
  return {
    command,
    codes: store.recentCodes(accountId, new Date(now.getTime() - DAY_MS)),
    failures: store.failuresSince(accountId, message.openId, new Date(now.getTime() - THROTTLE_WINDOW_MS)),
    writable,
  };
}
