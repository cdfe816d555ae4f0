import type { BindFailures, BindOutcome, StoredBindCode } from "../db/stores/staff-phone-store";
import { bindCodeMatches } from "./bind-code";
import type { BindCommand } from "./match-bind-command";

/** Guesses one follower may get wrong in THROTTLE_WINDOW_MS before "try again later". */
export const MAX_FAILURES_PER_OPENID = 5;
/**
 * Wrong guesses the whole account takes in the window: several followers guessing together cannot
 * go faster than this (30 tries against a million codes in a code's 10 minutes).
 */
export const MAX_FAILURES_PER_ACCOUNT = 30;
export const THROTTLE_WINDOW_MS = 10 * 60_000;

/** What the webhook read before routing a "绑定 …" (read-bind-state.ts). */
export interface BindState {
  command: BindCommand;
  /** Codes made in the last day (live, expired, used). */
  codes: readonly StoredBindCode[];
  failures: BindFailures;
  /** False while the database is locked by another process (the push is answered from the journal). */
  writable: boolean;
}

/** The reply, and what to write for it (apply-bind.ts). */
export interface BindDecision {
  reply: string;
  /** null: nothing is recorded (the database is busy). */
  outcome: BindOutcome | null;
  bind?: { codeId: number; staffUserId: number; staffName: string };
}

const WHERE = "后台“我的手机”页面";
const REPLIES = {
  malformed: `绑定码是${WHERE}给出的 6 位数字，请这样发送：绑定 123456`,
  busy: "后台正忙，这次没有绑定。请过一分钟再发一次同样的消息。",
  throttled: `尝试次数太多，请 10 分钟后再试，并在${WHERE}重新获取绑定码。`,
  wrong: `绑定码不正确。请核对${WHERE}显示的 6 位数字（10 分钟内有效），再发送：绑定 123456`,
  expired: `绑定码已过期（10 分钟内有效）。请在${WHERE}重新获取绑定码，再发送一次。`,
  used: `这个绑定码已经用过了。如需重新绑定，请在${WHERE}重新获取绑定码。`,
} as const;

/** A matching code, the live unused one first (two staff may, rarely, hold the same six digits). */
function findCode(codes: readonly StoredBindCode[], code: string, now: Date): StoredBindCode | undefined {
  const live = (c: StoredBindCode) => c.usedAt === null && c.expiresAt.getTime() > now.getTime();
  const matching = codes.filter((c) => bindCodeMatches(c.salt, c.codeHash, code));
  return matching.find(live) ?? matching[0];
}

/** Pure: the reply to a follower's "绑定 …". The throttle comes first, so a locked-out guess learns nothing. */
export function decideBind(state: BindState, now: Date): BindDecision {
  if (!state.writable) return { reply: REPLIES.busy, outcome: null };
  if (state.command.kind === "malformed") return { reply: REPLIES.malformed, outcome: "malformed" };
  if (state.failures.mine >= MAX_FAILURES_PER_OPENID || state.failures.all >= MAX_FAILURES_PER_ACCOUNT) {
    return { reply: REPLIES.throttled, outcome: "throttled" };
  }
  const code = findCode(state.codes, state.command.code, now);
  if (!code) return { reply: REPLIES.wrong, outcome: "wrong" };
  if (code.usedAt !== null) return { reply: REPLIES.used, outcome: "used" };
  if (code.expiresAt.getTime() <= now.getTime()) return { reply: REPLIES.expired, outcome: "expired" };
  return {
    reply: `已绑定到后台账号 ${code.staffName}。现在可以在后台点“发送预览到我的手机”，在这台手机上看文章了。`,
    outcome: "bound",
    bind: { codeId: code.id, staffUserId: code.staffUserId, staffName: code.staffName },
  };
}
