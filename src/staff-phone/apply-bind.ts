import type { AuditStore } from "../db/stores/audit-store";
import type { StaffPhoneStore } from "../db/stores/staff-phone-store";
import { hashOpenId, type Logger } from "../logger";
import type { BindDecision } from "./decide-bind";
import { maskOpenId } from "./mask-open-id";

export interface ApplyBindDeps {
  store: StaffPhoneStore;
  audit: AuditStore;
  log: Logger;
}

/**
 * Writes what a "绑定 …" decided, in the push's transaction: the attempt (for the throttle) and,
 * for a right code, the binding with its audit line. Returns the reply text to send, which changes
 * only if the code was used meanwhile (two pushes with one code in one turn).
 */
export function applyBind(deps: ApplyBindDeps, accountId: string, openId: string, decision: BindDecision, at: Date): string {
  if (decision.outcome === null) return decision.reply;
  const b = decision.bind;
  if (b && !deps.store.bind(accountId, b.codeId, b.staffUserId, openId, at)) {
    deps.store.recordAttempt(accountId, openId, at, "used");
    return "这个绑定码已经用过了。如需重新绑定，请在后台“我的手机”页面重新获取绑定码。";
  }
  deps.store.recordAttempt(accountId, openId, at, decision.outcome);
  if (b) {
    deps.audit.record({ at, accountId, staffName: b.staffName, action: "staff_phone.bind", target: b.staffName, detail: `绑定手机（微信 ${maskOpenId(openId)}）` });
    deps.log.info({ staff: b.staffName, user: hashOpenId(openId) }, "staff phone bound");
  } else {
    deps.log.info({ outcome: decision.outcome, user: hashOpenId(openId) }, "staff phone bind refused");
  }
  return decision.reply;
}
