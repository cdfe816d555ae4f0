import { finishMassSend } from "./finish-jobs";
import { reject, type Sandbox } from "./sandbox-context";

/** The admin has 30 minutes to confirm a protected send, else it fails (Batch_Sends doc; platform-2025.md §1b). */
export const APPROVAL_WINDOW_MS = 30 * 60_000;
/** After a refusal, the same send is refused for an hour (89507 "1小时内该IP被管理员拒绝调用一次"). */
const REFUSED_FOR_MS = 3600_000;

/**
 * API 群发保护 in front of a sendall to all followers. The codes are those of WeChat's 风险操作保护
 * confirmation (WxOpenErrorMsgEnum: 89503 needs confirmation, 89501 waiting for it, 89507 refused
 * within the hour); that 群发保护 uses them is our reading (protocol §6 marks it UNVERIFIED).
 * A send approved already is answered before this, by the clientmsgid check (45065 + msg_id).
 */
export function holdForApproval(sb: Sandbox, request: { clientMsgId: string | null; mediaId: string | null; body: unknown }, now: number): void {
  if (!sb.settings.massProtection) return;
  const earlier = request.clientMsgId === null ? undefined : sb.stores.approvals.latestFor(sb.accountId, request.clientMsgId, now - 86_400_000);
  if (earlier?.status === "pending" && now - earlier.createdAt < APPROVAL_WINDOW_MS) reject(89501);
  if (earlier?.status === "refused" && now - (earlier.decidedAt ?? earlier.createdAt) < REFUSED_FOR_MS) reject(89507);
  // A new request (or one after the last timed out): the admin's phone shows it now.
  sb.stores.approvals.add(sb.accountId, { clientMsgId: request.clientMsgId, mediaId: request.mediaId, request: request.body }, now);
  sb.log.info({ clientMsgId: request.clientMsgId }, "sandbox: 群发保护 holds the send for an administrator's confirmation");
  reject(89503);
}

/** The admin's answer on their phone; approved, the held send goes out as sendall would have sent it. */
export function decideMassSend(sb: Sandbox, decision: "approved" | "refused", clientMsgId?: string): string | undefined {
  const now = sb.clock.now().getTime();
  const since = now - APPROVAL_WINDOW_MS;
  const request =
    clientMsgId === undefined ? sb.stores.approvals.latestPending(sb.accountId, since) : sb.stores.approvals.latestFor(sb.accountId, clientMsgId, since);
  if (!request || request.status !== "pending" || now - request.createdAt >= APPROVAL_WINDOW_MS) {
    throw new Error(`sandbox: 没有等待管理员确认的群发${clientMsgId ? `（clientmsgid ${clientMsgId}）` : ""}：从未提交、已确认或拒绝，或已超过 30 分钟`);
  }
  if (decision === "refused") {
    sb.stores.approvals.decide(sb.accountId, request.id, "refused", null, now);
    return undefined;
  }
  const ids = sb.stores.jobs.addMassSend(
    sb.accountId,
    { kind: "sendall", clientMsgId: request.clientMsgId, isToAll: true, msgtype: "mpnews", mediaId: request.mediaId, request: request.request },
    now,
  );
  sb.stores.approvals.decide(sb.accountId, request.id, "approved", ids.msgId, now);
  if (request.mediaId !== null) sb.stores.content.setDraftStatus(sb.accountId, request.mediaId, "mass_sent", now);
  sb.later(sb.settings.jobDelayMs, () => finishMassSend(sb, ids.msgId));
  return ids.msgId;
}
