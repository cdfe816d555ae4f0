import type { Publication } from "../db/stores/publication-store";
import { dayjs } from "../time";
import { zoneName } from "../posts/describe-plan";
import { describePublication } from "./describe-publication";
import { approvalDeadline } from "./follow-approval";
import type { Publisher } from "./publisher";
import { runPublisher } from "./run-publisher";

/** What a staff action did, or why it refused, in one Chinese sentence for the 发布 page and the CLI. */
export interface StaffActionResult {
  ok: boolean;
  message: string;
  /** The row's state afterwards (absent when the post is unknown). */
  state?: Publication["state"];
}

/** Who asked, for the ledger's history (the audit log is the caller's: dashboard or CLI). */
export interface StaffActionOptions {
  by?: string;
}

const refuse = (message: string, row?: Publication): StaffActionResult => (row ? { ok: false, message, state: row.state } : { ok: false, message });
const titleOf = (row: Publication) => `《${row.postTitle}》`;

/** Whether anything of this row reached followers or the public: WeChat accepted a send or a publication. */
function wentOut(row: Publication): boolean {
  return row.state === "published" || row.state === "submitted" || row.state === "awaiting_approval" || row.msgId !== null;
}

/** Why a row in this state cannot be acted on, or undefined. Published posts are never re-sent. */
function refusal(p: Pick<Publisher, "timezone">, row: Publication, action: string): string | undefined {
  switch (row.state) {
    case "published":
      return `${titleOf(row)}已经发布，不会重复发送；如需更正，请新建一篇稿件`;
    case "draft_only":
      return `${titleOf(row)}的草稿已建在公众号草稿箱，请在公众号后台手动发表；本系统不会再通过接口发送`;
    case "awaiting_approval": {
      const deadline = approvalDeadline(row);
      const until = deadline ? `（截止 ${zoneName(p.timezone)} ${dayjs(deadline).tz(p.timezone).format("HH:mm")}）` : "";
      return `${titleOf(row)}正在等待管理员在手机上确认群发${until}，不能${action}；请管理员确认或拒绝`;
    }
    case "submitted":
      return `${titleOf(row)}已提交给微信，正在等待结果，不能${action}`;
    default:
      return undefined;
  }
}

/**
 * 立即发布: sends the post now, whatever its publish_at (a missed, skipped or failed one too),
 * through the same path as the scheduler. Refuses a post that already went out.
 */
export async function publishNow(p: Publisher, slug: string, options: StaffActionOptions = {}): Promise<StaffActionResult> {
  const row = p.store.find(p.accountId, slug);
  if (row) {
    const no = refusal(p, row, "立即发布");
    if (no) return refuse(no, row);
  }
  const report = await runPublisher(p, { only: slug });
  const entry = report.entries[0];
  const after = p.store.find(p.accountId, slug);
  if (after && options.by !== undefined) p.store.save(after, { step: "staff", detail: `立即发布 by ${options.by}` }, p.clock.now());
  if (!after || !entry) return refuse(entry?.detail ?? `没有稿件 content/posts/${slug}.md`);
  const ok = !["failed", "invalid", "unknown", "draft", "held", "busy", "cancelled"].includes(entry.outcome);
  const prefix = ok ? "已开始发布" : "没有发出";
  return { ok, message: `${titleOf(after)}${prefix}：${ok ? describePublication(p, after) : entry.detail}`, state: after.state };
}

/**
 * 重试: a failed post starts over (scheduled, attempts reset, a new draft), only if nothing of it
 * was ever sent; a 群发 whose approval timed out is asked again as the same send (see below). A post whose time has come goes now (else it would count as missed); a later one
 * waits for its time.
 */
export async function retry(p: Publisher, slug: string, options: StaffActionOptions = {}): Promise<StaffActionResult> {
  const row = p.store.find(p.accountId, slug);
  if (!row) return refuse(`发布记录中没有 ${slug}`);
  const no = refusal(p, row, "重试");
  if (no) return refuse(no, row);
  if (row.state !== "failed") return refuse(`${titleOf(row)}现在是“${describePublication(p, row)}”，只有失败的稿件可以重试`, row);
  if (wentOut(row)) return refuse(`${titleOf(row)}的群发微信已经接受过（msg_id ${row.msgId}），为免重复推送不能重试；如需再发，请新建一篇稿件`, row);
  const now = p.clock.now();
  // A 群发 whose approval timed out may still have been approved in its last minute: it is asked
  // again with the same draft and clientmsgid (the interrupted-send path), so WeChat answers 45065
  // with the msg_id if it went out, or asks the admin anew; a new draft would send it twice.
  const sameSend = row.failureCode === "approval_timeout" && row.mode === "mass" && row.draftMediaId !== null && row.clientMsgId !== null;
  const reset: Publication = sameSend
    ? { ...row, state: "drafted", attempts: 0, nextAttemptAt: null, failureCode: null, failureReason: null }
    : { ...row, state: "scheduled", attempts: 0, nextAttemptAt: null, failureCode: null, failureReason: null };
  const saved = p.store.save(reset, { step: "staff_retry", detail: `重试${options.by ? ` by ${options.by}` : ""}; was: ${row.failureReason ?? "failed"}` }, now);
  if (!saved) return refuse(`${titleOf(row)}刚被别人改动过，请刷新页面后再试`, row);
  if (!sameSend && saved.scheduledAt.getTime() > now.getTime()) {
    return { ok: true, message: `${titleOf(row)}已重新排期，将于 ${zoneName(p.timezone)} ${dayjs(saved.scheduledAt).tz(p.timezone).format("M月D日 HH:mm")} 发送`, state: saved.state };
  }
  const sent = await publishNow(p, slug);
  return { ...sent, message: `重试：${sent.message}` };
}

/** 跳过: the post will not be sent (only before anything was sent); a new publish_at or 立即发布 brings it back. */
export function skip(p: Pick<Publisher, "store" | "accountId" | "clock" | "timezone" | "owner" | "leaseMs">, slug: string, options: StaffActionOptions = {}): StaffActionResult {
  const row = p.store.find(p.accountId, slug);
  if (!row) return refuse(`发布记录中没有 ${slug}`);
  const no = refusal(p, row, "跳过");
  if (no) return refuse(no, row);
  if (row.state === "skipped") return refuse(`${titleOf(row)}已经跳过了`, row);
  if (row.state === "cancelled") return refuse(`${titleOf(row)}已取消（${row.failureReason ?? "稿件已撤回"}），无需跳过`, row);
  if (wentOut(row)) return refuse(`${titleOf(row)}已经发出，不能跳过`, row);
  const now = p.clock.now();
  // The lease keeps a running publisher from sending it while we mark it skipped.
  if (!p.store.claim(p.accountId, slug, p.owner, new Date(now.getTime() + p.leaseMs), now)) {
    return refuse(`${titleOf(row)}正在发送中，请稍后刷新页面再试`, row);
  }
  try {
    const current = p.store.find(p.accountId, slug)!;
    if (current.submitRequestedAt !== null && current.state !== "waiting_quota") return refuse(`${titleOf(row)}已经提交给微信，不能跳过`, current);
    const reason = `工作人员${options.by ? ` ${options.by} ` : ""}跳过了这篇稿件，不会发送`;
    const saved = p.store.save({ ...current, state: "skipped", nextAttemptAt: null, failureCode: "skipped", failureReason: reason }, { step: "skipped", detail: reason }, now);
    if (!saved) return refuse(`${titleOf(row)}刚被别人改动过，请刷新页面后再试`, row);
    return { ok: true, message: `${titleOf(row)}已跳过，不会发送；如需再发，请改发布时间或点“立即发布”`, state: saved.state };
  } finally {
    p.store.release(p.accountId, slug, p.owner);
  }
}

/** The three actions bound to one publisher, for the 发布 page and the CLI. */
export function staffActions(p: Publisher) {
  return {
    publishNow: (slug: string, options?: StaffActionOptions) => publishNow(p, slug, options),
    retry: (slug: string, options?: StaffActionOptions) => retry(p, slug, options),
    skip: (slug: string, options?: StaffActionOptions) => skip(p, slug, options),
  };
}
