import { WeChatApiError } from "../errors";
import type { Publication } from "../db/stores/publication-store";
import { dayjs } from "../time";
import { explainErrcode } from "../wechat/api-errcodes";
import { zoneName } from "../posts/describe-plan";
import { hook, save, type Next } from "./ledger-steps";
import type { Publisher } from "./publisher";

/** API 群发保护: the admin has 30 minutes to confirm on their phone, else the send fails (platform-2025.md §1b). */
export const APPROVAL_WINDOW_MS = 30 * 60_000;
/** How often the publisher asks whether the admin has decided. */
export const APPROVAL_POLL_MS = 60_000;
/**
 * We stop asking this long before the deadline: WeChat's 30 minutes started when it received the
 * send, a little before our clock noted the answer, and asking after WeChat dropped the request
 * would make a new one that an admin could still approve, a send nobody scheduled.
 */
export const APPROVAL_MARGIN_MS = 60_000;

/** When the admin's 30 minutes run out, for a row waiting for approval (the 发布 page shows it). */
export function approvalDeadline(row: Pick<Publication, "state" | "submittedAt">): Date | undefined {
  if (row.state !== "awaiting_approval" || row.submittedAt === null) return undefined;
  return new Date(row.submittedAt.getTime() + APPROVAL_WINDOW_MS);
}

/** drafted → awaiting_approval: sendall answered 89503; the send waits for the admin's phone. */
export function awaitApproval(p: Publisher, row: Publication, code: string, reason: string): Next {
  const now = p.clock.now();
  const deadline = new Date(now.getTime() + APPROVAL_WINDOW_MS);
  const saved = save(
    p,
    { ...row, state: "awaiting_approval", submittedAt: now, failureCode: code, failureReason: reason, nextAttemptAt: new Date(now.getTime() + APPROVAL_POLL_MS) },
    { step: "awaiting_approval", detail: `${reason}; deadline ${deadline.toISOString()}` },
  );
  p.log.warn({ post: row.slug, deadline }, "群发保护: waiting for an administrator to confirm the send on their phone");
  return saved ? "stop" : "continue";
}

/**
 * awaiting_approval → submitted | failed. Asks WeChat again with the same clientmsgid: approved,
 * the send exists and the answer is 45065 with its msg_id (or a fresh msg_id); still waiting,
 * 89501/89503; refused, 89506/89507. Past the deadline it fails without asking: the send is
 * never repeated automatically.
 */
export async function followApproval(p: Publisher, row: Publication): Promise<Next> {
  const now = p.clock.now();
  const deadline = approvalDeadline(row) ?? now;
  const lastAsk = deadline.getTime() - APPROVAL_MARGIN_MS;
  if (now.getTime() >= lastAsk) {
    const when = `${zoneName(p.timezone)} ${dayjs(deadline).tz(p.timezone).format("HH:mm")}`;
    return fail(p, row, "approval_timeout", `管理员未在 30 分钟内确认群发（截止 ${when}）：不会自动重发。如仍要群发，请点“重试”并请管理员及时在手机上确认；若管理员在最后一分钟确认过，群发可能已经发出，“重试”会先查到它（同一个 clientmsgid），不会重复群发`);
  }
  let sent;
  try {
    sent = await p.wechat.mass.sendAll({ message: { type: "mpnews", mediaId: row.draftMediaId! }, toAll: true, clientMsgId: row.clientMsgId! });
  } catch (err) {
    if (!(err instanceof WeChatApiError)) throw err;
    const meaning = explainErrcode(err.errcode, err.errmsg);
    if (meaning.action === "approval_refused") return fail(p, row, `wechat_${err.errcode}`, meaning.text);
    if (meaning.action !== "approval_pending") throw err;
    const next = new Date(Math.min(now.getTime() + APPROVAL_POLL_MS, lastAsk));
    save(p, { ...row, nextAttemptAt: next }, { step: "approval_pending", detail: `errcode ${err.errcode}` });
    return "stop";
  }
  const submitted = save(
    p,
    { ...row, state: "submitted", msgId: sent.msgId, msgDataId: sent.msgDataId ?? null, submittedAt: now, nextAttemptAt: null, failureCode: null, failureReason: null },
    { step: "submitted", detail: `msg_id ${sent.msgId}: the administrator confirmed the send` },
  );
  if (submitted) hook(p, "submitted", submitted);
  return "continue";
}

function fail(p: Publisher, row: Publication, code: string, reason: string): Next {
  save(p, { ...row, state: "failed", failureCode: code, failureReason: reason, nextAttemptAt: null }, { step: "failed", detail: reason });
  p.log.error({ post: row.slug, code, reason }, "publication failed");
  return "stop";
}
